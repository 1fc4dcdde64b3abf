import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import type { AgentCard, TaskIdParams } from '@a2a-js/sdk';
import { DefaultRequestHandler, InMemoryTaskStore } from '@a2a-js/sdk/server';
import type { AgentExecutor, ServerCallContext } from '@a2a-js/sdk/server';
import { A2AExpressApp } from '@a2a-js/sdk/server/express';

/**
 * `express` is loaded untyped: the `test` package has no `@types/express`, and the reference SDK
 * only needs an app to mount its routes on. This is the whole surface we use.
 */
type ExpressApp = RequestListener & { use: (...handlers: unknown[]) => unknown };
const express = createRequire(import.meta.url)('express') as () => ExpressApp;

/** The reference SDK's request handler, recording the params of every `tasks/resubscribe`. */
class RecordingRequestHandler extends DefaultRequestHandler {
  readonly resubscribes: TaskIdParams[] = [];

  override resubscribe(
    params: TaskIdParams,
    context?: ServerCallContext,
  ): ReturnType<DefaultRequestHandler['resubscribe']> {
    this.resubscribes.push(structuredClone(params));
    return super.resubscribe(params, context);
  }
}

/** An `@a2a-js/sdk` 0.3.14 agent running on loopback. */
export interface A2AJsAgent {
  /** `http://127.0.0.1:<port>`: the card is at `/.well-known/agent-card.json`, JSON-RPC at `/`. */
  readonly url: string;
  readonly card: AgentCard;
  /** Params of every `tasks/resubscribe` the agent received, in order. */
  readonly resubscribes: readonly TaskIdParams[];
  /** Headers of every HTTP request the agent received, in order. */
  readonly requestHeaders: readonly IncomingHttpHeaders[];
  close(): Promise<void>;
}

/**
 * Serves `executor` with the reference SDK exactly as its README does: `DefaultRequestHandler`
 * over an `InMemoryTaskStore`, mounted by `A2AExpressApp` at the root, on 127.0.0.1 port 0.
 */
export async function startA2AJsAgent(executor: AgentExecutor): Promise<A2AJsAgent> {
  const card: AgentCard = {
    name: 'a2a-js reference agent',
    description: 'An @a2a-js/sdk agent that scripts its events, for interop tests.',
    protocolVersion: '0.3.0',
    version: '1.0.0',
    // Filled in once the port is known; the handler reads the same object.
    url: 'http://127.0.0.1/',
    preferredTransport: 'JSONRPC',
    capabilities: { streaming: true, pushNotifications: false },
    defaultInputModes: ['text/plain'],
    defaultOutputModes: ['text/plain'],
    skills: [{ id: 'script', name: 'Script', description: 'Plays a scripted task.', tags: ['test'] }],
  };
  const handler = new RecordingRequestHandler(card, new InMemoryTaskStore(), executor);
  const requestHeaders: IncomingHttpHeaders[] = [];
  const app = express();
  app.use((request: IncomingMessage, _response: unknown, next: () => void) => {
    requestHeaders.push(request.headers);
    next();
  });
  new A2AExpressApp(handler).setupRoutes(app as never, '');
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  card.url = `${url}/`;
  return {
    url,
    card,
    resubscribes: handler.resubscribes,
    requestHeaders,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
