import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { stepText, timestampKey } from '../workload.ts';
import type { Workload } from '../workload.ts';

/** Where a string is cut to splice in a per-event value. */
const indexMark = '@@INDEX@@';
const timeMark = '"@@T@@"';

/**
 * One task of the floor server: its frames, serialized once from templates (only the sequence
 * number, step number and timestamp are spliced in per event, never `JSON.stringify`), and the
 * responses subscribed to it. It keeps every frame, so a resubscribe can replay from a cursor.
 */
export class FloorTask {
  readonly id = randomUUID();
  readonly contextId = randomUUID();
  readonly frames: string[] = [];
  readonly subscribers = new Set<ServerResponse>();
  done = false;
  readonly #rpcPrefix: string;
  readonly #step: readonly [string, string, string];
  readonly #taskJson: string;
  readonly #events: number;

  constructor(rpcId: unknown, message: unknown, workload: Workload) {
    this.#events = workload.events;
    this.#rpcPrefix = `{"jsonrpc":"2.0","id":${JSON.stringify(rpcId ?? null)},"result":`;
    const { id: taskId, contextId } = this;
    this.#taskJson = JSON.stringify({
      kind: 'task',
      id: taskId,
      contextId,
      status: { state: 'submitted', timestamp: new Date().toISOString() },
      history: [{ ...(message as object), taskId, contextId }],
    });
    const template = JSON.stringify({
      kind: 'status-update',
      taskId,
      contextId,
      status: {
        state: 'working',
        timestamp: new Date().toISOString(),
        message: {
          kind: 'message',
          messageId: randomUUID(),
          role: 'agent',
          parts: [{ kind: 'text', text: stepText(0, workload.events).replace('0', indexMark) }],
          taskId,
          contextId,
        },
      },
      final: false,
      metadata: { [timestampKey]: '@@T@@' },
    });
    const [head, rest] = splitOnce(template, indexMark);
    const [middle, tail] = splitOnce(rest, timeMark);
    this.#step = [head, middle, tail];
  }

  /** The task frame (event 1). */
  taskFrame(): string {
    return this.#frame(this.#taskJson);
  }

  stepFrame(index: number, t: number): string {
    const [head, middle, tail] = this.#step;
    return this.#frame(head + index + middle + t + tail);
  }

  waitingFrame(): string {
    return this.#frame(this.#status('working', 'waiting', false));
  }

  artifactFrame(): string {
    const { id: taskId, contextId } = this;
    const artifact = { artifactId: 'result', parts: [{ kind: 'text', text: `${this.#events} steps` }] };
    return this.#frame(JSON.stringify({ kind: 'artifact-update', taskId, contextId, artifact }));
  }

  finalFrame(): string {
    return this.#frame(this.#status('completed', undefined, true));
  }

  #status(state: string, text: string | undefined, final: boolean): string {
    const { id: taskId, contextId } = this;
    const message =
      text === undefined
        ? {}
        : { message: { kind: 'message', messageId: randomUUID(), role: 'agent', parts: [{ kind: 'text', text }] } };
    return JSON.stringify({
      kind: 'status-update',
      taskId,
      contextId,
      status: { state, timestamp: new Date().toISOString(), ...message },
      final,
    });
  }

  /** Logs the frame under the next sequence number and returns its SSE bytes. */
  #frame(json: string): string {
    const frame = `id:${this.frames.length + 1}\ndata:${this.#rpcPrefix}${json}}\n\n`;
    this.frames.push(frame);
    return frame;
  }
}

function splitOnce(text: string, mark: string): [string, string] {
  const at = text.indexOf(mark);
  if (at < 0) throw new Error(`template lacks ${mark}`);
  return [text.slice(0, at), text.slice(at + mark.length)];
}
