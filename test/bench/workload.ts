/**
 * What a benchmark task does, identical on every target: after the task itself, `events` status
 * updates (`working`, each with a short text message, so the task's history grows with every
 * event), then one artifact and the final `completed` status. It travels as the user message's
 * text (`bench {…}`), the one thing every target, the orchestrator's relay included, passes on
 * unchanged.
 */
export interface Workload {
  /** Status updates to publish. */
  events: number;
  /** Events per second the producer paces itself to; 0 publishes as fast as it can. */
  ratePerSecond: number;
  /**
   * The producer yields to the event loop (`setImmediate`) after this many events, as an agent
   * fed by I/O does; 1 means every event arrives on its own turn.
   */
  yieldEvery: number;
  /**
   * When set, the producer publishes one `working` status ("waiting"), then waits until the
   * benchmark releases this gate through the server's control channel.
   */
  gate?: string;
}

/** Metadata key of the producer's timestamp (`monoMs()`, milliseconds) on every status update. */
export const timestampKey = 'benchT';

const prefix = 'bench ';

/** The message text that carries `workload`. */
export function workloadText(workload: Workload): string {
  return prefix + JSON.stringify(workload);
}

/** Reads the workload out of a message text; throws on any other text. */
export function parseWorkload(text: string): Workload {
  const start = text.indexOf(prefix);
  if (start < 0) throw new Error(`not a benchmark request: ${text.slice(0, 80)}`);
  const parsed = JSON.parse(text.slice(start + prefix.length).split('\n')[0]!) as Partial<Workload>;
  return {
    events: parsed.events ?? 0,
    ratePerSecond: parsed.ratePerSecond ?? 0,
    yieldEvery: Math.max(1, parsed.yieldEvery ?? 1),
    ...(parsed.gate ? { gate: parsed.gate } : {}),
  };
}

/** The short text message of status update `index` (1-based). */
export function stepText(index: number, events: number): string {
  return `Step ${index} of ${events}: working`;
}
