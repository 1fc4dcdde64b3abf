import { randomBytes } from 'node:crypto';

const traceparentPattern = /^[\da-f]{2}-([\da-f]{32})-[\da-f]{16}-[\da-f]{2}$/;

/**
 * The trace id of a request: from a W3C `traceparent` header when there is a valid one, else a
 * fresh one. Every log line about the request and the runs it starts carries it, and agents
 * pass it on when they call other agents, so one task can be followed across hops.
 */
export function traceIdOf(traceparent: string | undefined): string {
  const match = traceparent ? traceparentPattern.exec(traceparent.trim().toLowerCase()) : null;
  const id = match?.[1];
  return id && !/^0+$/.test(id) ? id : randomBytes(16).toString('hex');
}

/** A `traceparent` header value for an outgoing call in trace `traceId` (a new span each time). */
export function traceparentFor(traceId: string): string {
  return `00-${traceId}-${randomBytes(8).toString('hex')}-01`;
}
