import { Agent } from 'undici';
import type { Dispatcher } from 'undici';

/** Default connect timeout, in milliseconds. */
export const defaultConnectTimeout = 10_000;

let shared: Agent | undefined;

/**
 * The keep-alive connection pool every client uses unless given a `dispatcher`. One pool per
 * process means calls to the same agent reuse warm connections whichever client makes them.
 * Idle pooled sockets do not keep the process alive.
 */
export function getSharedDispatcher(): Dispatcher {
  shared ??= new Agent({ connectTimeout: defaultConnectTimeout });
  return shared;
}

/** A pool of the client's own, for a connect timeout other than the shared pool's. */
export function createDispatcher(connectTimeout: number): Agent {
  return new Agent({ connectTimeout });
}
