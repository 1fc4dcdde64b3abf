/**
 * A point an agent stops at until the test opens it. It turns "while the task is still running"
 * into a state the test controls, so interop tests never depend on timing: the test waits for
 * `reached`, does what it needs with the task parked, then calls `open()`.
 */
export class Gate {
  /** Settles once an agent waits at the gate. */
  readonly reached: Promise<void>;
  readonly #opened: Promise<void>;
  #markReached!: () => void;
  #open!: () => void;

  constructor() {
    this.reached = new Promise((resolve) => (this.#markReached = resolve));
    this.#opened = new Promise((resolve) => (this.#open = resolve));
  }

  /** Lets every agent waiting at the gate, and every later one, through. */
  open(): void {
    this.#open();
  }

  /** Waits at the gate until it opens; rejects with the abort reason when `signal` aborts first. */
  async pass(signal?: AbortSignal): Promise<void> {
    this.#markReached();
    if (!signal) return this.#opened;
    signal.throwIfAborted();
    let onAbort!: () => void;
    const aborted = new Promise<never>((_resolve, reject) => {
      onAbort = () => reject(signal.reason as Error);
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      await Promise.race([this.#opened, aborted]);
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }
}
