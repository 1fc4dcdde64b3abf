import { A2AClient, fetchAgentCard } from '@a2a-mesh/client';
import type { ReconnectInfo, RetryPolicy, Timeouts } from '@a2a-mesh/client';
import type { AgentCard } from '@a2a-mesh/protocol';
import type { Logger } from '@a2a-mesh/server';

/** How the gateway reaches the orchestrator. */
export interface OrchestratorLinkOptions {
  /** The orchestrator's base URL (its card is at `/.well-known/agent-card.json` under it). */
  url: string;
  logger: Logger;
  /** Reconnection budget of streams and retries of requests that never reached it. */
  retry?: Partial<RetryPolicy> | undefined;
  timeouts?: Timeouts | undefined;
  /** Milliseconds a card fetch may take (readiness, `GET /api/agents`). */
  cardTimeoutMs?: number | undefined;
  onReconnect?: ((info: ReconnectInfo) => void) | undefined;
}

/**
 * The gateway's one way to the orchestrator: an A2A client of the JSON-RPC endpoint its card
 * names. The card is fetched on first use, not at start, so the gateway can start before the
 * orchestrator; a failed fetch is not remembered, so the next request tries again.
 */
export class OrchestratorLink {
  /** The orchestrator's base URL, without a trailing slash. */
  readonly url: string;
  readonly #options: OrchestratorLinkOptions;
  #client: Promise<A2AClient> | undefined;

  constructor(options: OrchestratorLinkOptions) {
    this.url = options.url.replace(/\/+$/, '');
    this.#options = options;
  }

  /** The A2A client, made from the orchestrator's card (fetched once it answers). */
  client(): Promise<A2AClient> {
    this.#client ??= A2AClient.fromCardUrl(this.url, {
      logger: this.#options.logger,
      ...(this.#options.retry ? { retry: this.#options.retry } : {}),
      ...(this.#options.timeouts ? { timeouts: this.#options.timeouts } : {}),
      ...(this.#options.onReconnect ? { onReconnect: this.#options.onReconnect } : {}),
    }).catch((error: unknown) => {
      this.#client = undefined;
      throw error;
    });
    return this.#client;
  }

  /** The orchestrator's card, fetched now: the readiness probe and the agents page use it. */
  card(headers?: Record<string, string>): Promise<AgentCard> {
    return fetchAgentCard(this.url, {
      headers,
      timeout: this.#options.cardTimeoutMs ?? 5_000,
      signal: AbortSignal.timeout(this.#options.cardTimeoutMs ?? 5_000),
    });
  }

  /** Releases the client's own connection pool, if it made one. */
  async close(): Promise<void> {
    const client = await this.#client?.catch(() => undefined);
    await client?.close();
  }
}
