import type { StreamEvent } from '@a2a-mesh/protocol';
import type { LogEntry } from '@a2a-mesh/server';

/** A stream entry as Redis returns it: `[id, [field, value, …]]`. */
export type RawStreamEntry = [id: string, fields: string[]];

/**
 * A log entry from its stream entry: the id is `<seq>-0`, the one field `e` holds the event's
 * JSON, which is kept as received so every subscriber is sent the same bytes.
 */
export function logEntryOf([id, fields]: RawStreamEntry): LogEntry {
  const json = fields[fields.indexOf('e') + 1]!;
  const event = JSON.parse(json) as StreamEvent;
  return { seq: Number.parseInt(id, 10), event, json, final: event.kind === 'status-update' && event.final };
}
