import { createServer } from 'node:http';
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { majorMinor, protocolVersion, resumableStreamExtension, toV1AgentCard } from '@a2a-mesh/protocol';
import type { AgentCard, V1AgentInterface } from '@a2a-mesh/protocol';
import type { AgentExecutor } from './agent-executor.ts';
import { createExpressApp } from './express-app.ts';
import type { ExtraRoutes } from './express-app.ts';
import { InMemoryTaskStore } from './in-memory-task-store.ts';
import { JsonRpcDispatcher } from './json-rpc-dispatcher.ts';
import { silentLogger } from './logger.ts';
import type { Logger } from './logger.ts';
import { DefaultRequestHandler } from './request-handler.ts';
import { ServerMetrics } from './server-metrics.ts';
import { defaultSseOptions } from './sse-stream.ts';
import type { SseOptions } from './sse-stream.ts';
import { defaultPacingOptions, StreamPacer } from './stream-pacer.ts';
import type { PacingOptions } from './stream-pacer.ts';
import { InProcessTaskControl } from './task-control.ts';
import type { TaskControl } from './task-control.ts';
import { defaultRetention } from './task-store.ts';
import type { RetentionOptions, TaskStore } from './task-store.ts';

/** The card an agent author writes: the server fills in `url`, `protocolVersion` and transport. */
export type AgentCardInput = Omit<AgentCard, 'url' | 'protocolVersion'> & Partial<Pick<AgentCard, 'protocolVersion'>>;

/** Everything an agent server can be configured with; only `card` and `executor` are required. */
export interface AgentServerOptions {
  card: AgentCardInput;
  executor: AgentExecutor;
  /** Where tasks and their event logs live. Default: an `InMemoryTaskStore` with `retention`. */
  store?: TaskStore;
  /**
   * How replicas that share `store` reach each other's runs: a cancel sent to any of them, and
   * the end of a task whose process died. Default: this process only. Closed by `close()`.
   */
  control?: TaskControl;
  /** Retention of the default store (see `defaultRetention`). */
  retention?: RetentionOptions;
  logger?: Logger;
  /** Path of the JSON-RPC endpoint. Default `/a2a`. */
  rpcPath?: string;
  /** The URL clients reach this server at (behind a proxy, say). Default: the listening address. */
  publicUrl?: string;
  /** Largest request body, in bytes. Default 1 MiB. */
  bodyLimitBytes?: number;
  /** SSE behaviour; see `defaultSseOptions`. */
  sse?: Partial<Omit<SseOptions, 'head' | 'pacer' | 'metrics'>>;
  /**
   * Flow control: an agent waits before its next event while a subscriber that is still reading
   * lags too far (see `defaultPacingOptions`; `{ lagEvents: 0 }` turns it off).
   */
  pacing?: Partial<PacingOptions>;
  /** How long running tasks get to finish on shutdown. Default 10 s. */
  shutdownDeadlineMs?: number;
  /** Served by `agent/getAuthenticatedExtendedCard` when the card sets `supportsAuthenticatedExtendedCard`. */
  extendedCard?: AgentCardInput;
  /** Prometheus metrics at `GET /metrics`. Default: a registry of this server's own. */
  metrics?: ServerMetrics;
  /** Extra readiness check for `GET /readyz` (for example: a dependency answers). */
  ready?: () => Promise<true | string>;
  /** The service's own routes, served beside the A2A ones (before the JSON 404). */
  routes?: ExtraRoutes;
}

/** A running (or ready to run) A2A agent server. */
export interface AgentServer {
  readonly handler: DefaultRequestHandler;
  readonly store: TaskStore;
  readonly metrics: ServerMetrics;
  /** The card as served now. */
  card(): AgentCard;
  /** The HTTP server once listening (to attach metrics or inspect connections); undefined before. */
  readonly httpServer: Server | undefined;
  /** Starts listening; resolves with the base URL (for example `http://127.0.0.1:9101`). */
  listen(port?: number, host?: string): Promise<string>;
  /**
   * Graceful stop: refuses new connections, closes open streams (their clients resume
   * elsewhere), lets running tasks finish within the deadline, then releases the store.
   */
  close(): Promise<void>;
}

/** Builds an A2A server around an agent executor. */
export function createAgentServer(options: AgentServerOptions): AgentServer {
  const logger = options.logger ?? silentLogger;
  const store = options.store ?? new InMemoryTaskStore(options.retention);
  const control = options.control ?? new InProcessTaskControl();
  const rpcPath = options.rpcPath ?? '/a2a';
  let baseUrl = options.publicUrl?.replace(/\/$/, '');
  const card = (): AgentCard => completeCard(options.card, `${baseUrl ?? 'http://localhost'}${rpcPath}`);
  const extendedCard = options.extendedCard;
  const metrics = options.metrics ?? new ServerMetrics(options.card.name);
  const pacing = { ...defaultPacingOptions, ...options.pacing };
  // Pacing protects only what the log still holds: with the default store, keep its limit well
  // inside the retention (another store's retention is its own to match).
  if (!options.store) {
    const retained = options.retention?.maxEventsPerTask ?? defaultRetention.maxEventsPerTask;
    pacing.lagEvents = Math.min(pacing.lagEvents, Math.floor(retained / 2));
  }
  const pacer = new StreamPacer(pacing);
  let stopping = false;
  const handler = new DefaultRequestHandler({
    card,
    executor: options.executor,
    store,
    control,
    logger,
    metrics,
    pacer,
    ...(extendedCard ? { extendedCard: () => completeCard(extendedCard, card().url) } : {}),
  });
  const streams = new Set<ServerResponse>();
  const app = createExpressApp({
    dispatcher: new JsonRpcDispatcher(handler, {
      v1: { card, store, toV1Card: (served) => toV1AgentCard(served, supportedInterfacesOf(served)) },
    }),
    card,
    supportedInterfaces: () => supportedInterfacesOf(card()),
    rpcPath,
    bodyLimitBytes: options.bodyLimitBytes ?? 1024 * 1024,
    logger,
    sse: {
      ...defaultSseOptions,
      ...options.sse,
      metrics,
      pacer,
      head: async (taskId) => (await store.get(taskId))?.seq,
    },
    metrics,
    ...(options.routes ? { routes: options.routes } : {}),
    ready: async () => {
      if (stopping) return 'shutting down';
      return options.ready ? options.ready() : true;
    },
    onStream: (response) => {
      streams.add(response);
      response.once('close', () => streams.delete(response));
    },
  });
  let server: Server | undefined;

  return {
    handler,
    store,
    metrics,
    card,
    get httpServer() {
      return server;
    },
    async listen(port = 0, host = '127.0.0.1') {
      server = createServer(app);
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(port, host, () => resolve());
      });
      const address = server.address() as AddressInfo;
      const printable = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      baseUrl ??= `http://${printable}:${address.port}`;
      logger.info({ url: baseUrl, card: `${baseUrl}/.well-known/agent-card.json` }, 'agent listening');
      return baseUrl;
    },
    async close() {
      stopping = true;
      const closed = server ? new Promise<void>((resolve) => server!.close(() => resolve())) : Promise.resolve();
      for (const response of streams) response.end();
      server?.closeIdleConnections();
      await handler.shutdown(options.shutdownDeadlineMs ?? 10_000);
      server?.closeAllConnections();
      await closed;
      await control.close();
      await store.close();
    },
  };
}

/**
 * The card's interfaces the 1.0 way: its endpoint speaks 1.0 (preferred, so clients that can
 * choose pick it) and 0.3; extra interfaces the author declared are listed at the card's version.
 */
function supportedInterfacesOf(card: AgentCard): V1AgentInterface[] {
  const protocolBinding = card.preferredTransport ?? 'JSONRPC';
  return [
    { url: card.url, protocolBinding, protocolVersion: '1.0' },
    { url: card.url, protocolBinding, protocolVersion: majorMinor(card.protocolVersion) },
    ...(card.additionalInterfaces ?? []).map((entry) => ({
      url: entry.url,
      protocolBinding: entry.transport,
      protocolVersion: majorMinor(card.protocolVersion),
    })),
  ];
}

/** Fills in what the server knows: its URL, the protocol version, and our stream extension. */
function completeCard(input: AgentCardInput, url: string): AgentCard {
  const extensions = input.capabilities.extensions ?? [];
  const streaming = input.capabilities.streaming ?? true;
  // The resumable-stream extension is about streams: an agent that does not stream omits it.
  const declared = !streaming || extensions.some((extension) => extension.uri === resumableStreamExtension.uri);
  return {
    ...input,
    protocolVersion: input.protocolVersion ?? protocolVersion,
    url,
    preferredTransport: input.preferredTransport ?? 'JSONRPC',
    capabilities: {
      ...input.capabilities,
      streaming,
      extensions: declared
        ? extensions
        : [
            ...extensions,
            {
              uri: resumableStreamExtension.uri,
              description:
                'Every stream event carries a per-task sequence number as its SSE id; tasks/resubscribe (1.0: ' +
                `SubscribeToTask) with a Last-Event-ID header or params.metadata["${resumableStreamExtension.lastEventIdKey}"] ` +
                'replays exactly the events after it, then goes live.',
              required: false,
            },
          ],
    },
  };
}
