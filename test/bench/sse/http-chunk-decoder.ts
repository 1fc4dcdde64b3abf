/** Receives the payload bytes `buffer[start…end)` of a chunked body, without copying them. */
export type PayloadSink = (buffer: Buffer, start: number, end: number) => void;

const enum State {
  Size,
  SizeExtension,
  Data,
  DataEnd,
  TrailerStart,
  TrailerLine,
  TrailerEnd,
  Done,
}

const cr = 0x0d;
const lf = 0x0a;

/**
 * Decodes an HTTP/1.1 `Transfer-Encoding: chunked` body incrementally. Payload slices go to the
 * sink as views of the input (a chunk-size line costs a few byte reads; the payload is never
 * copied), so decoding stays far cheaper than what the server spends producing the bytes.
 */
export class HttpChunkDecoder {
  #state = State.Size;
  #size = 0;
  #remaining = 0;

  /** True once the terminating zero-size chunk and its trailer have been read. */
  get done(): boolean {
    return this.#state === State.Done;
  }

  /** Feeds `buffer[start…]`; returns the offset after the body's end, or -1 when more is needed. */
  push(buffer: Buffer, start: number, sink: PayloadSink): number {
    let position = start;
    const length = buffer.length;
    while (position < length) {
      switch (this.#state) {
        case State.Size: {
          const byte = buffer[position++]!;
          const digit = hexValue(byte);
          if (digit >= 0) this.#size = this.#size * 16 + digit;
          else if (byte === lf) this.#endSizeLine();
          else if (byte !== cr) this.#state = State.SizeExtension;
          break;
        }
        case State.SizeExtension:
          if (buffer[position++] === lf) this.#endSizeLine();
          break;
        case State.Data: {
          const end = Math.min(length, position + this.#remaining);
          sink(buffer, position, end);
          this.#remaining -= end - position;
          position = end;
          if (this.#remaining === 0) this.#state = State.DataEnd;
          break;
        }
        case State.DataEnd:
          // The CRLF after a chunk's payload.
          if (buffer[position++] === lf) this.#state = State.Size;
          break;
        case State.TrailerStart: {
          const byte = buffer[position++]!;
          if (byte === lf) {
            this.#state = State.Done;
            return position;
          }
          this.#state = byte === cr ? State.TrailerEnd : State.TrailerLine;
          break;
        }
        case State.TrailerEnd:
          if (buffer[position++] === lf) {
            this.#state = State.Done;
            return position;
          }
          break;
        case State.TrailerLine:
          if (buffer[position++] === lf) this.#state = State.TrailerStart;
          break;
        case State.Done:
          return position;
      }
    }
    return this.#state === State.Done ? position : -1;
  }

  #endSizeLine(): void {
    this.#remaining = this.#size;
    this.#size = 0;
    this.#state = this.#remaining === 0 ? State.TrailerStart : State.Data;
  }
}

function hexValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x61 + 10;
  if (byte >= 0x41 && byte <= 0x46) return byte - 0x41 + 10;
  return -1;
}
