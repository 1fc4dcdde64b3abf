import type { Metadata } from '@a2a-mesh/protocol';

/**
 * The metadata of a node-timing status update. `nodeRunId` pairs a start with its end when
 * the same node runs several times at once (a fan-out); `durationMs` is measured here, from the
 * start event's arrival to the end event's, so it includes no queueing on the client's side.
 * `interrupted` marks a node that stopped at `interrupt()`: it runs again, from its top, on resume.
 */
export interface NodeTiming {
  node: string;
  phase: 'start' | 'end';
  nodeRunId: string;
  durationMs?: number;
  interrupted?: boolean;
}

/** Measures how long each graph task (one run of one node) takes. */
export class NodeTimer {
  readonly #started = new Map<string, number>();
  readonly #now: () => number;

  constructor(now: () => number = () => performance.now()) {
    this.#now = now;
  }

  /** The metadata of a node's start. */
  start(nodeRunId: string, node: string): Metadata {
    this.#started.set(nodeRunId, this.#now());
    return { node, phase: 'start', nodeRunId } satisfies NodeTiming;
  }

  /** The metadata of a node's end, with its duration when its start was seen. */
  end(nodeRunId: string, node: string, interrupted: boolean): Metadata {
    const started = this.#started.get(nodeRunId);
    this.#started.delete(nodeRunId);
    const timing: NodeTiming = { node, phase: 'end', nodeRunId };
    if (started !== undefined) timing.durationMs = Math.round((this.#now() - started) * 10) / 10;
    if (interrupted) timing.interrupted = true;
    return { ...timing };
  }
}
