/** How an agent is paced to the subscribers of its task. */
export interface PacingOptions {
  /**
   * An agent waits before logging its next event while a subscriber in this process is more than
   * this many events behind the task's log. 0 turns pacing off.
   */
  lagEvents: number;
  /**
   * A subscriber that has not taken a single event for this long no longer holds the agent back:
   * it is stuck (a sleeping laptop, a dead peer), not slow. It keeps its place and may still catch
   * up from the log, or is disconnected by the slow-subscriber rules.
   */
  stallMs: number;
}

/** Defaults: pace at 1,000 events behind; a subscriber still for 2 s stops pacing. */
export const defaultPacingOptions: Readonly<PacingOptions> = { lagEvents: 1_000, stallMs: 2_000 };

/** One subscriber's place in a task's log, as its stream writes it out. */
export interface SubscriberPosition {
  /** The last sequence number handed to the subscriber's socket. */
  seq: number;
  /** When `seq` last moved (`performance.now()`). */
  movedAt: number;
}

/**
 * Flow control from subscribers back to the agent. A task's log holds a bounded number of events
 * (the store's retention), so an agent that outruns a subscriber for long enough would push events
 * out of the log before that subscriber reads them, and a resumed stream would get a snapshot in
 * their place. Pacing prevents that: while a subscriber that is still reading lags too far, the
 * agent's next `status()`/`artifact()` waits. Through the mesh it chains — a slow browser slows the
 * gateway's read, which paces the orchestrator, whose slower reads pace the specialists — so every
 * hop delivers every event. Only subscribers in this process count: with a shared store, readers
 * on other replicas rely on retention alone.
 */
export class StreamPacer {
  readonly #options: PacingOptions;
  readonly #subscribers = new Map<string, Set<SubscriberPosition>>();
  readonly #waiting = new Map<string, Set<() => void>>();

  constructor(options: Partial<PacingOptions> = {}) {
    this.#options = { ...defaultPacingOptions, ...options };
  }

  /** Registers a subscriber of `taskId` whose last written event is `seq`. */
  attach(taskId: string, seq: number): SubscriberPosition {
    const position = { seq, movedAt: performance.now() };
    let subscribers = this.#subscribers.get(taskId);
    if (!subscribers) this.#subscribers.set(taskId, (subscribers = new Set()));
    subscribers.add(position);
    return position;
  }

  /** The subscriber has written up to `seq`. */
  moved(taskId: string, position: SubscriberPosition, seq: number): void {
    position.seq = seq;
    position.movedAt = performance.now();
    this.#wake(taskId);
  }

  /** The subscriber's stream has ended. */
  detach(taskId: string, position: SubscriberPosition): void {
    const subscribers = this.#subscribers.get(taskId);
    if (!subscribers) return;
    subscribers.delete(position);
    if (subscribers.size === 0) this.#subscribers.delete(taskId);
    this.#wake(taskId);
  }

  /**
   * Whether the agent of `taskId`, whose log ends at `head`, must wait before its next event.
   * Cheap enough to ask before every event.
   */
  mustWait(taskId: string, head: number): boolean {
    return this.#laggard(taskId, head, performance.now()) !== undefined;
  }

  /**
   * Resolves once no reading subscriber lags more than the limit behind `head()`: they caught up,
   * left, or stalled. Resolves at once when `signal` aborts (the task is being canceled or stopped).
   */
  async wait(taskId: string, head: () => number, signal: AbortSignal): Promise<void> {
    for (;;) {
      if (signal.aborted) return;
      const now = performance.now();
      const laggard = this.#laggard(taskId, head(), now);
      if (!laggard) return;
      await new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          signal.removeEventListener('abort', done);
          this.#waiting.get(taskId)?.delete(done);
          resolve();
        };
        // Woken by the next move or departure, or when the laggard turns out to be stuck.
        const timer = setTimeout(done, laggard.movedAt + this.#options.stallMs - now + 1);
        signal.addEventListener('abort', done, { once: true });
        let waiting = this.#waiting.get(taskId);
        if (!waiting) this.#waiting.set(taskId, (waiting = new Set()));
        waiting.add(done);
      });
    }
  }

  /** The subscriber holding the agent back: behind by more than the limit, and still reading. */
  #laggard(taskId: string, head: number, now: number): SubscriberPosition | undefined {
    if (this.#options.lagEvents <= 0) return undefined;
    const subscribers = this.#subscribers.get(taskId);
    if (!subscribers) return undefined;
    for (const position of subscribers) {
      if (head - position.seq > this.#options.lagEvents && now - position.movedAt < this.#options.stallMs) {
        return position;
      }
    }
    return undefined;
  }

  #wake(taskId: string): void {
    const waiting = this.#waiting.get(taskId);
    if (!waiting || waiting.size === 0) return;
    this.#waiting.delete(taskId);
    for (const done of waiting) done();
  }
}
