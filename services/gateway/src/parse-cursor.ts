import { GatewayError } from './gateway-error.ts';

/** Where an events request starts: after this sequence number, and which field said so. */
export interface Cursor {
  /** Replay the events numbered above this; 0 means from the first event. */
  after: number;
  /** The field it came from, for messages: `the Last-Event-ID header`, `query.after`, or none. */
  source: 'the Last-Event-ID header' | 'query.after' | undefined;
}

/**
 * The cursor of an events request. `Last-Event-ID` (sent by a reconnecting EventSource) wins
 * over `?after=` (a reloaded page's own cursor): the browser appends the header to the original
 * URL on every reconnect, so when both are present the header is the newer. An empty header is
 * what an EventSource sends before it has seen an id, and counts as absent.
 */
export function parseCursor(header: string | undefined, after: unknown): Cursor {
  if (header !== undefined && header.trim() !== '') {
    return { after: parseCount(header.trim(), 'the Last-Event-ID header'), source: 'the Last-Event-ID header' };
  }
  if (after !== undefined) return { after: parseCount(after, 'query.after'), source: 'query.after' };
  return { after: 0, source: undefined };
}

function parseCount(value: unknown, field: NonNullable<Cursor['source']>): number {
  if (typeof value === 'string' && /^\d{1,15}$/.test(value)) return Number(value);
  throw new GatewayError(
    400,
    'invalid-cursor',
    `${field}: expected a non-negative integer (an event id of this task), received ${JSON.stringify(value)}`,
  );
}
