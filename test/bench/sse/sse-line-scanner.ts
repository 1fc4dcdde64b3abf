import { timestampKey } from '../workload.ts';

const lf = 0x0a;
const d = 0x64;
const i = 0x69;
const colon = 0x3a;
const marker = `"${timestampKey}":`;

/** What to record besides counting events. */
export interface ScanOptions {
  /** Extract each event's producer timestamp (latency runs only: it reads every data line). */
  timestamps?: boolean;
  /** Keep the first `data:` line's JSON (to learn a task id). */
  captureFirstData?: boolean;
}

/**
 * A minimal SSE frame scanner over body bytes: it classifies each line by its first byte and
 * otherwise only looks for line ends (`Buffer#indexOf`, native). `data:` lines count events, `id:`
 * lines update the last id (digits accumulated byte by byte, so a line split across reads is
 * fine), comment lines (`:`) are heartbeats. A line's text is built only when asked for: the
 * first data line, or every data line in latency runs.
 */
export class SseLineScanner {
  events = 0;
  lastId: number | undefined;
  firstData: string | undefined;
  /** Receipt time minus producer timestamp, per event that carried one (ms). */
  readonly latencies: number[] = [];
  /** Receipt times of comment lines (heartbeats). */
  readonly comments: number[] = [];
  firstDataAt: number | undefined;
  lastDataAt: number | undefined;
  /** Called once, when the first data line starts. */
  onFirstData: (() => void) | undefined;

  readonly #options: ScanOptions;
  #atLineStart = true;
  #line: 'data' | 'id' | 'other' = 'other';
  #collect = false;
  #pieces: string[] = [];
  #id = 0;

  constructor(options: ScanOptions = {}) {
    this.#options = options;
  }

  /** Scans `buffer[start…end)`, received at `now` (ms, monotonic). */
  scan(buffer: Buffer, start: number, end: number, now: number): void {
    let position = start;
    while (position < end) {
      if (this.#atLineStart) {
        this.#startLine(buffer[position]!, now);
        this.#atLineStart = false;
      }
      let newline = buffer.indexOf(lf, position);
      if (newline < 0 || newline >= end) newline = -1;
      const lineEnd = newline < 0 ? end : newline;
      if (this.#line === 'id') this.#readDigits(buffer, position, lineEnd);
      else if (this.#collect) this.#pieces.push(buffer.toString('utf8', position, lineEnd));
      if (newline < 0) return;
      this.#endLine(now);
      position = newline + 1;
      this.#atLineStart = true;
    }
  }

  #startLine(first: number, now: number): void {
    if (first === d) {
      this.#line = 'data';
      this.events += 1;
      this.lastDataAt = now;
      if (this.firstDataAt === undefined) {
        this.firstDataAt = now;
        this.#collect = this.#options.captureFirstData === true;
        this.onFirstData?.();
      }
      if (this.#options.timestamps) this.#collect = true;
    } else if (first === i) {
      this.#line = 'id';
      this.#id = 0;
    } else {
      this.#line = 'other';
      if (first === colon) this.comments.push(now);
    }
  }

  #readDigits(buffer: Buffer, start: number, end: number): void {
    for (let position = start; position < end; position++) {
      const digit = buffer[position]! - 0x30;
      if (digit >= 0 && digit <= 9) this.#id = this.#id * 10 + digit;
    }
  }

  #endLine(now: number): void {
    if (this.#line === 'id') this.lastId = this.#id;
    else if (this.#collect) {
      const text = this.#pieces.join('');
      this.#pieces = [];
      this.#collect = false;
      if (this.firstData === undefined && this.#options.captureFirstData) this.firstData = text.slice(5).trim();
      if (this.#options.timestamps) this.#readTimestamp(text, now);
    }
  }

  #readTimestamp(line: string, now: number): void {
    const at = line.indexOf(marker);
    if (at < 0) return;
    const value = Number.parseFloat(line.slice(at + marker.length, at + marker.length + 24));
    if (Number.isFinite(value)) this.latencies.push(now - value);
  }
}
