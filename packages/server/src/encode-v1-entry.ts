import { toV1StreamResponse } from '@a2a-mesh/protocol';
import type { LogEntry } from './task-store.ts';

/**
 * Log entries are shared by every reader of a task's log, so the 1.0 form of each is serialized
 * once and shared too, like the 0.3 form in `entry.json`; entries that leave the log are collected
 * with their cached form.
 */
const encoded = new WeakMap<LogEntry, string>();

/**
 * A log entry as the `result` of a 1.0 stream event: a `StreamResponse` wrapper
 * (`{"statusUpdate":{…}}`), without the 0.3 `kind` and `final` fields.
 */
export function encodeV1Entry(entry: LogEntry): string {
  let json = encoded.get(entry);
  if (json === undefined) {
    json = JSON.stringify(toV1StreamResponse(entry.event));
    encoded.set(entry, json);
  }
  return json;
}
