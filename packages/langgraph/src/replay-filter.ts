/**
 * What the nodes stopped by `interrupt()` wrote before stopping: the graph task ids (stable
 * across a resume, as they derive from the checkpoint) and each write, JSON-serialized.
 */
export interface ReplayRecord {
  nodeRunIds: string[];
  writes: string[];
}

/**
 * Drops custom writes that a resumed node repeats. LangGraph re-runs an interrupted node from
 * its top, so everything it wrote before `interrupt()` is written again on resume; the client
 * has seen it already. While a re-run node is running, a write equal to one it made last time
 * is dropped, once per time it was made; anything new passes. Writes that differ each time
 * (carrying a timestamp, say) cannot be recognized and pass again.
 *
 * It also records, for the next resume, every write of the nodes that get interrupted in this run.
 */
export class ReplayFilter {
  readonly #replayed: ReadonlySet<string>;
  readonly #seen: Map<string, number>;
  readonly #running = new Map<string, { seq: number; write: string }[]>();
  readonly #interrupted = new Map<string, { seq: number; write: string }[]>();
  #seq = 0;

  constructor(previous?: ReplayRecord) {
    this.#replayed = new Set(previous?.nodeRunIds);
    this.#seen = new Map();
    for (const write of previous?.writes ?? []) this.#seen.set(write, (this.#seen.get(write) ?? 0) + 1);
  }

  /** A graph task started. */
  started(nodeRunId: string): void {
    this.#running.set(nodeRunId, []);
  }

  /** A graph task ended; an interrupted one keeps its writes for the record. */
  ended(nodeRunId: string, interrupted: boolean): void {
    const writes = this.#running.get(nodeRunId);
    this.#running.delete(nodeRunId);
    if (interrupted && writes) this.#interrupted.set(nodeRunId, writes);
  }

  /** Records a custom write and tells whether it should reach the client. */
  accept(payload: unknown): boolean {
    const write = serialize(payload);
    if (write === undefined) return true;
    const entry = { seq: this.#seq++, write };
    let replaying = false;
    for (const [nodeRunId, writes] of this.#running) {
      writes.push(entry);
      replaying ||= this.#replayed.has(nodeRunId);
    }
    const count = this.#seen.get(write) ?? 0;
    if (!replaying || count === 0) return true;
    this.#seen.set(write, count - 1);
    return false;
  }

  /** The writes of this run's interrupted nodes, each once even when nodes ran side by side. */
  record(): ReplayRecord {
    const bySeq = new Map<number, string>();
    for (const writes of this.#interrupted.values()) for (const { seq, write } of writes) bySeq.set(seq, write);
    return {
      nodeRunIds: [...this.#interrupted.keys()],
      writes: [...bySeq.entries()].sort(([left], [right]) => left - right).map(([, write]) => write),
    };
  }
}

function serialize(payload: unknown): string | undefined {
  try {
    return JSON.stringify(payload);
  } catch {
    return undefined;
  }
}
