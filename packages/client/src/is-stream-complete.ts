import { isInterruptedState, isTerminalState } from '@a2a-mesh/protocol';
import type { StreamEvent } from '@a2a-mesh/protocol';

/**
 * Whether `event` is the last one its stream will carry; a connection that ends before such an
 * event is a drop, to be resumed.
 *
 * - A `status-update` with `final: true` ends the interaction (A2A 0.3 §7.2).
 * - A `message` answers a message-only interaction; no task exists to resume.
 * - On a `tasks/resubscribe` stream, a Task snapshot in a terminal or interrupted state is all
 *   the server will send (a2a-js and our server close after it). On `message/stream` the same
 *   snapshot is not final: continuing an input-required task starts with the task as it was.
 */
export function isStreamComplete(event: StreamEvent, isResubscribe: boolean): boolean {
  switch (event.kind) {
    case 'status-update':
      return event.final;
    case 'message':
      return true;
    case 'task':
      return isResubscribe && (isTerminalState(event.status.state) || isInterruptedState(event.status.state));
    case 'artifact-update':
      return false;
  }
}
