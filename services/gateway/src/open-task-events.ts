import type { A2AClient, StreamItem, StreamOptions, TaskEventStream } from '@a2a-mesh/client';
import { isInterruptedState, isTerminalState } from '@a2a-mesh/protocol';
import { GatewayError } from './gateway-error.ts';
import type { Cursor } from './parse-cursor.ts';

/** What an events request gets: nothing more to send (204), or the events after its cursor. */
export type OpenedEvents =
  | { kind: 'ended' }
  | {
      kind: 'stream';
      /** The events after the cursor, then live ones, up to the final one; resumes upstream drops by itself. */
      events: AsyncIterable<StreamItem>;
      /** Events that had already happened after the cursor, replayed before the live ones. */
      replayed: number;
    };

/**
 * Opens a task's events after `cursor` on the orchestrator, with `tasks/resubscribe`. Resolves
 * once the first event is in hand (or the task has nothing more to send), so that an unknown
 * task or an unreachable orchestrator becomes a JSON error before any SSE header is written.
 *
 * The gateway keeps no state: a browser's cursor is the orchestrator's sequence number. A cursor
 * of 0 replays the whole log. Any other first asks for the task's snapshot, whose id is the last
 * sequence number, because the answer depends on where the cursor stands:
 * - at or past the end of a task that has ended (or waits for input): nothing to send, `ended`;
 * - equal to the end of a live task: the snapshot is skipped and the same stream goes live;
 * - behind the end: a second resubscribe with the cursor replays exactly what came after it;
 * - past the end of a live task: a 400, as the orchestrator itself would answer.
 * Asking with the cursor directly cannot tell "ended exactly there" from a dropped connection.
 */
export async function openTaskEvents(
  client: A2AClient,
  taskId: string,
  cursor: Cursor,
  options: StreamOptions,
): Promise<OpenedEvents> {
  if (cursor.after === 0) {
    return {
      kind: 'stream',
      events: await started(client.resubscribe(taskId, { ...options, lastEventId: 0 })),
      replayed: 0,
    };
  }
  const probe = client.resubscribe(taskId, options);
  const first = await probe.next();
  if (first.done) {
    throw new GatewayError(502, 'invalid-upstream-answer', `The orchestrator sent no snapshot of task ${taskId}`);
  }
  const { id: last, event } = first.value;
  if (last === undefined) {
    // An upstream without sequence numbers cannot replay: the snapshot, then live events.
    return { kind: 'stream', events: prepend(first.value, probe), replayed: 0 };
  }
  const ended =
    event.kind === 'task' && (isTerminalState(event.status.state) || isInterruptedState(event.status.state));
  if (cursor.after === last && !ended) return { kind: 'stream', events: probe, replayed: 0 };
  await probe.return();
  if (cursor.after >= last && ended) return { kind: 'ended' };
  if (cursor.after > last) {
    throw new GatewayError(
      400,
      'invalid-cursor',
      `${cursor.source ?? 'the cursor'}: event ${cursor.after} is ahead of task ${taskId}, whose last event is ${last}`,
    );
  }
  const events = await started(client.resubscribe(taskId, { ...options, lastEventId: cursor.after }));
  return { kind: 'stream', events, replayed: last - cursor.after };
}

/**
 * Starts `stream` (sends its request) and waits for its first event, so that failures surface
 * here; returns the whole stream, first event included.
 */
export async function started(stream: TaskEventStream): Promise<AsyncIterable<StreamItem>> {
  const first = await stream.next();
  return first.done ? stream : prepend(first.value, stream);
}

async function* prepend(first: StreamItem, rest: TaskEventStream): AsyncGenerator<StreamItem, void, undefined> {
  yield first;
  yield* rest;
}
