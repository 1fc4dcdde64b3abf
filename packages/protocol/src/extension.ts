/**
 * The resumable-stream extension: our own A2A extension, declared in every card with
 * `required: false` so that clients that do not know it keep working unchanged.
 *
 * - Every event of a task's stream has a per-task sequence number, sent as the SSE `id:`.
 * - `tasks/resubscribe` (and `message/stream` on an existing task) takes a cursor: the
 *   `Last-Event-ID` HTTP header, or `params.metadata[lastEventIdKey]`. The stream then replays
 *   exactly the events after that number, then goes live: no gap, no duplicate.
 * - A cursor older than the retained log yields the task snapshot first (its SSE id is the
 *   sequence number it reflects), marked with `metadata[truncatedKey] = true`.
 */
export const resumableStreamExtension = {
  uri: 'https://a2a-mesh.dev/extensions/resumable-stream/v1',
  lastEventIdKey: 'a2a-mesh/lastEventId',
  truncatedKey: 'a2a-mesh/truncated',
} as const;

/** The wire protocol version our agents speak. */
export const protocolVersion = '0.3.0';
