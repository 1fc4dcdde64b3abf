import { readAgentCard } from '@a2a-mesh/protocol';
import type { AgentCard, AgentCardDocument } from '@a2a-mesh/protocol';
import { request } from 'undici';
import type { Dispatcher } from 'undici';
import { A2AClientError } from './a2a-client-error.ts';
import type { HeaderSource } from './a2a-client-options.ts';
import { getSharedDispatcher } from './shared-dispatcher.ts';

/** Options of {@link fetchAgentCard}. */
export interface FetchAgentCardOptions {
  /** Headers for the card request, for cards behind authentication. */
  headers?: HeaderSource | undefined;
  /** The undici dispatcher; default the shared keep-alive pool. */
  dispatcher?: Dispatcher | undefined;
  /** Milliseconds until response headers and between body chunks; default 30 s. */
  timeout?: number | undefined;
  /** Aborting it cancels the request. */
  signal?: AbortSignal | undefined;
}

const wellKnownPaths = ['/.well-known/agent-card.json', '/.well-known/agent.json'];

/**
 * The places an agent's card may be, most likely first. A URL ending in `.json` is the card
 * itself. Otherwise it is the agent's base URL: A2A 0.3 publishes the card at
 * `/.well-known/agent-card.json` and 0.2 at `/.well-known/agent.json`, under the base URL, or,
 * as the conformance kit looks for it, under the origin (which also covers being given the
 * JSON-RPC endpoint instead of the base URL).
 */
export function agentCardCandidates(url: string | URL): URL[] {
  const given = new URL(url);
  if (given.pathname.endsWith('.json')) return [given];
  const base = given.pathname.replace(/\/+$/, '');
  const bases = base === '' ? [''] : [base, ''];
  return bases.flatMap((prefix) => wellKnownPaths.map((path) => new URL(`${prefix}${path}`, given.origin)));
}

/**
 * Fetches and validates an agent card from a card URL or an agent base URL (see
 * {@link agentCardCandidates}), trying the next candidate on a 404. A card that fails
 * validation is an `A2AClientError` (`invalid-card`) naming each offending field. A 1.0 card
 * (no top-level `url`) is read into our model: its preferred interface becomes `url`.
 */
export async function fetchAgentCard(url: string | URL, options: FetchAgentCardOptions = {}): Promise<AgentCard> {
  return (await fetchAgentCardDocument(url, options)).card;
}

/**
 * {@link fetchAgentCard}, keeping every interface the card announces (its 1.0
 * `supportedInterfaces`, first = preferred), from which a client picks its endpoint and version.
 */
export async function fetchAgentCardDocument(
  url: string | URL,
  options: FetchAgentCardOptions = {},
): Promise<AgentCardDocument> {
  const candidates = agentCardCandidates(url);
  for (const candidate of candidates) {
    const document = await fetchCandidate(candidate, options);
    if (document !== undefined) return document;
  }
  throw new A2AClientError(
    'http-error',
    `No agent card found at ${candidates.map((candidate) => candidate.href).join(' or ')} (HTTP 404)`,
    { statusCode: 404 },
  );
}

async function fetchCandidate(url: URL, options: FetchAgentCardOptions): Promise<AgentCardDocument | undefined> {
  const { signal } = options;
  signal?.throwIfAborted();
  const headers = typeof options.headers === 'function' ? await options.headers() : options.headers;
  let statusCode: number;
  let text: string;
  try {
    const response = await request(url, {
      method: 'GET',
      headers: { ...headers, accept: 'application/json' },
      dispatcher: options.dispatcher ?? getSharedDispatcher(),
      signal,
      headersTimeout: options.timeout ?? 30_000,
      bodyTimeout: options.timeout ?? 30_000,
    });
    statusCode = response.statusCode;
    text = await response.body.text();
  } catch (error) {
    signal?.throwIfAborted();
    throw new A2AClientError(
      'request-failed',
      `Fetching the agent card ${url.href} failed: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  if (statusCode === 404) return undefined;
  if (statusCode < 200 || statusCode > 299) {
    throw new A2AClientError('http-error', `Fetching the agent card ${url.href} failed with HTTP ${statusCode}`, {
      statusCode,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new A2AClientError('invalid-card', `The agent card at ${url.href} is not JSON`);
  }
  const read = readAgentCard(json);
  if (!read.success) throw new A2AClientError('invalid-card', `Invalid agent card at ${url.href}: ${read.error}`);
  return read.document;
}
