/**
 * Keeps a copy of the last bytes of a body (the reader's buffer is reused for every read), so
 * that a stream that ended early can say how: its last event names the final state and why.
 */
export class TailKeeper {
  readonly #bytes: Buffer;
  #length = 0;

  constructor(size = 2048) {
    this.#bytes = Buffer.alloc(size);
  }

  push(buffer: Buffer, start: number, end: number): void {
    const size = this.#bytes.length;
    const incoming = end - start;
    if (incoming >= size) {
      buffer.copy(this.#bytes, 0, end - size, end);
      this.#length = size;
      return;
    }
    const keep = Math.min(this.#length, size - incoming);
    this.#bytes.copyWithin(0, this.#length - keep, this.#length);
    buffer.copy(this.#bytes, keep, start, end);
    this.#length = keep + incoming;
  }

  /** The last `data:` line kept, without its field name; undefined when none is whole. */
  lastData(): string | undefined {
    const text = this.#bytes.toString('utf8', 0, this.#length);
    const at = text.lastIndexOf('\ndata:');
    if (at < 0) return undefined;
    const end = text.indexOf('\n', at + 1);
    return text.slice(at + 6, end < 0 ? undefined : end).trim();
  }
}
