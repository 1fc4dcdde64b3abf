/**
 * A cap on the SSE streams one client may hold open at once. Browsers allow about six HTTP/1.1
 * connections per origin, and each open stream holds an upstream connection here: the cap keeps
 * one client from holding many of both.
 */
export class StreamLimit {
  readonly #open = new Map<string, number>();

  /** `max` streams per client at most. */
  constructor(readonly max: number) {}

  /** Streams `client` holds now. */
  openFor(client: string): number {
    return this.#open.get(client) ?? 0;
  }

  /**
   * Takes one of `client`'s slots. Returns the function that gives it back (calling it more
   * than once is harmless), or `undefined` when every slot is taken.
   */
  acquire(client: string): (() => void) | undefined {
    const open = this.openFor(client);
    if (open >= this.max) return undefined;
    this.#open.set(client, open + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = this.openFor(client) - 1;
      if (left > 0) this.#open.set(client, left);
      else this.#open.delete(client);
    };
  }
}
