import { createServer } from 'node:http';
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { createGatewayApp } from './create-gateway-app.ts';
import { GatewayMetrics } from './gateway-metrics.ts';
import { resolveGatewayOptions } from './gateway-options.ts';
import type { GatewayOptions } from './gateway-options.ts';
import { OrchestratorLink } from './orchestrator-link.ts';

/** A gateway, ready to listen; tests start it in-process. */
export interface Gateway {
  /** The express app (to mount elsewhere, or to inspect). */
  readonly app: Express;
  /** Its metrics registry. */
  readonly metrics: GatewayMetrics;
  /** Starts listening (default: any free port on 127.0.0.1); resolves with the base URL. */
  listen(port?: number, host?: string): Promise<string>;
  /**
   * Graceful stop: refuses new connections, ends every open SSE response (browsers reconnect
   * with their Last-Event-ID, to this gateway restarted or to another), lets other requests
   * finish within `shutdownGraceMs`, then cuts what is left. Tasks are not touched.
   */
  close(): Promise<void>;
}

/**
 * Builds the gateway: the HTTP API, the SSE relay and the web UI in front of the orchestrator.
 * Throws when the configuration is unsafe (no API keys in production; see `GatewayOptions`).
 *
 * @example
 * ```ts
 * const gateway = createGateway({ orchestratorUrl: 'http://127.0.0.1:9100' });
 * console.log(`UI: ${await gateway.listen(8080)}/`);
 * ```
 */
export function createGateway(options: GatewayOptions = {}): Gateway {
  const resolved = resolveGatewayOptions(options);
  const metrics = options.metrics ?? new GatewayMetrics();
  const link = new OrchestratorLink({
    url: resolved.orchestratorUrl,
    logger: resolved.logger,
    retry: resolved.upstream.retry,
    timeouts: resolved.upstream.timeouts,
    onReconnect: () => metrics.upstreamReconnected(),
  });
  const streams = new Set<ServerResponse>();
  let stopping = false;
  const app = createGatewayApp({ options: resolved, link, metrics, streams, isStopping: () => stopping });
  let server: Server | undefined;

  return {
    app,
    metrics,
    async listen(port = 0, host = '127.0.0.1') {
      const listening = createServer(app);
      await new Promise<void>((resolve, reject) => {
        listening.once('error', reject);
        listening.listen(port, host, () => {
          listening.off('error', reject);
          resolve();
        });
      });
      server = listening;
      const address = listening.address() as AddressInfo;
      const printable = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      const url = `http://${printable}:${address.port}`;
      resolved.logger.info({ url, orchestrator: link.url }, 'gateway listening');
      return url;
    },
    async close() {
      stopping = true;
      const current = server;
      const closed = current ? new Promise<void>((resolve) => current.close(() => resolve())) : Promise.resolve();
      for (const response of streams) response.end();
      current?.closeIdleConnections();
      const cut = setTimeout(() => current?.closeAllConnections(), resolved.shutdownGraceMs);
      await closed;
      clearTimeout(cut);
      await link.close();
    },
  };
}
