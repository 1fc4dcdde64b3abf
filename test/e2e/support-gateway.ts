import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createGateway } from '@a2a-mesh/gateway';
import type { Gateway, GatewayOptions } from '@a2a-mesh/gateway';
import { createAgentServer } from '@a2a-mesh/server';
import type { AgentExecutor, AgentServer, AgentServerOptions } from '@a2a-mesh/server';
import { testCard } from '../support/agents.ts';
import { startCutProxy } from '../support/cut-proxy.ts';
import type { CutProxy } from '../support/cut-proxy.ts';

/** A JSON answer of the gateway. */
export interface JsonAnswer<TBody = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: TBody;
}

/** The `{ error }` body every error answer has. */
export interface ErrorBody {
  error: { code: string; message: string };
}

/**
 * Starts what gateway tests need (upstream agents, gateways, cut proxies) on loopback port 0 and
 * stops all of it in `closeAll()`.
 */
export class GatewayHarness {
  readonly #agents: AgentServer[] = [];
  readonly #gateways: Gateway[] = [];
  readonly #proxies: CutProxy[] = [];

  /** A real A2A agent of ours, as the gateway's upstream. */
  async agent(
    executor: AgentExecutor,
    options: Partial<AgentServerOptions> = {},
  ): Promise<{ url: string; server: AgentServer }> {
    const server = createAgentServer({ card: testCard, executor, shutdownDeadlineMs: 50, ...options });
    this.#agents.push(server);
    return { url: await server.listen(), server };
  }

  /**
   * An agent whose card sends its callers through a cut proxy, so a test can break the
   * gateway's upstream connections. The agent's port is reserved first because its card's URL
   * (the proxy's) must be known before it starts.
   */
  async agentBehindProxy(executor: AgentExecutor): Promise<{ url: string; server: AgentServer; proxy: CutProxy }> {
    const port = await freePort();
    const proxy = await this.proxy(`http://127.0.0.1:${port}`);
    const server = createAgentServer({ card: testCard, executor, shutdownDeadlineMs: 50, publicUrl: proxy.url });
    this.#agents.push(server);
    await server.listen(port);
    return { url: proxy.url, server, proxy };
  }

  /** A gateway in front of `orchestratorUrl`; fast upstream retries unless the test says otherwise. */
  async gateway(
    orchestratorUrl: string,
    options: GatewayOptions = {},
    port = 0,
  ): Promise<{ url: string; gateway: Gateway }> {
    const gateway = createGateway({
      orchestratorUrl,
      upstream: { retry: { attempts: 8, initialDelay: 5, maxDelay: 50 } },
      ...options,
    });
    this.#gateways.push(gateway);
    return { url: await gateway.listen(port), gateway };
  }

  /** A cut proxy in front of `target`. */
  async proxy(target: string): Promise<CutProxy> {
    const proxy = await startCutProxy(target);
    this.#proxies.push(proxy);
    return proxy;
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.#proxies.splice(0).map((proxy) => proxy.close()));
    await Promise.all(this.#gateways.splice(0).map((gateway) => gateway.close()));
    await Promise.all(this.#agents.splice(0).map((server) => server.close()));
  }
}

/** Calls the gateway and reads its JSON answer. */
export async function call<TBody = Record<string, unknown>>(
  url: string,
  init: { method?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<JsonAnswer<TBody>> {
  const hasJson = init.body !== undefined;
  const response = await fetch(url, {
    method: init.method ?? (hasJson || init.rawBody !== undefined ? 'POST' : 'GET'),
    headers: { ...(hasJson ? { 'content-type': 'application/json' } : {}), ...init.headers },
    ...(hasJson ? { body: JSON.stringify(init.body) } : init.rawBody !== undefined ? { body: init.rawBody } : {}),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text === '' ? {} : JSON.parse(text)) as TBody,
  };
}

/** A free loopback port, released at once for the caller to take. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
