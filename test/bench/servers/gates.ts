/**
 * Named gates a producer waits at until the benchmark releases them through the server's control
 * channel (fan-out: every subscriber is attached before the first event; idle streams: held open
 * until the server is stopped). Releasing before anyone waits is remembered.
 */
export class Gates {
  readonly #gates = new Map<string, { promise: Promise<void>; open: () => void }>();

  wait(name: string): Promise<void> {
    return this.#gate(name).promise;
  }

  release(name: string): void {
    this.#gate(name).open();
  }

  #gate(name: string): { promise: Promise<void>; open: () => void } {
    let gate = this.#gates.get(name);
    if (!gate) {
      let open!: () => void;
      const promise = new Promise<void>((resolve) => (open = resolve));
      gate = { promise, open };
      this.#gates.set(name, gate);
    }
    return gate;
  }
}

/** The one registry of a server process. */
export const gates = new Gates();
