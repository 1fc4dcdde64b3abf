import { eventsUrl } from './api.js';

/** The SSE event names the gateway sends, one per A2A event kind. */
const KINDS = ['task', 'status-update', 'artifact-update', 'message'];
/** A resumed stream's replay is the burst of events it sends at once; a pause this long ends it. */
const REPLAY_GAP_MS = 120;
/** How long after a resume to wait for the first replayed event before deciding nothing was missed. */
const REPLAY_WAIT_MS = 800;

/**
 * One task's event stream, applied exactly once and in order.
 *
 * Every event carries its per-task sequence number as its SSE id. The stream remembers the last id
 * it applied and ignores any event at or below it, so a replay that overlaps what was already shown
 * can never show a step twice. EventSource reconnects by itself after a drop, sending
 * `Last-Event-ID`, and the gateway replays exactly the events that were missed. The stream closes
 * on the final event (the gateway ends it there, and EventSource would otherwise reconnect); after
 * an `input-required` one, {@link TaskStream#open} with no argument resumes from the last id.
 *
 * Connection states passed to `onConnection`: `connecting`, `live`, `reconnecting`, `resumed`
 * (`replayed` is the number of missed events the last resume brought), `paused` (waiting for the
 * user's answer), `ended` (the task is over), `closed` (the gateway refused or went away for good;
 * `onClosed` is called to find out why).
 */
export class TaskStream {
  #taskId;
  #handlers;
  #source;
  #lastId = 0;
  #dropped = false;
  #replay;
  #reconnects = 0;
  #replayed = 0;
  #duplicates = 0;

  /**
   * @param {string} taskId
   * @param {{ onEvent(seq: number, kind: string, event: object): void,
   *           onConnection(state: { state: string, replayed?: number, reconnects: number, message?: string }): void,
   *           onClosed(): void }} handlers
   */
  constructor(taskId, handlers) {
    this.#taskId = taskId;
    this.#handlers = handlers;
  }

  /** The sequence number of the last event applied. */
  get lastId() {
    return this.#lastId;
  }

  /** Events the gateway sent again and that were ignored (a replay overlapping what was shown). */
  get duplicates() {
    return this.#duplicates;
  }

  get isOpen() {
    return this.#source !== undefined;
  }

  /** Opens the stream from after `after` (default: the last event applied). */
  open(after = this.#lastId) {
    this.close();
    const source = new EventSource(eventsUrl(this.#taskId, after));
    this.#source = source;
    this.#report('connecting');
    source.addEventListener('open', () => this.#opened(source));
    for (const kind of KINDS) source.addEventListener(kind, (event) => this.#received(source, kind, event));
    source.addEventListener('error', (event) => this.#failed(source, event));
  }

  /**
   * Opens the stream again from the last event applied after the gateway dropped or refused it
   * (EventSource gives up on an HTTP error such as a 502): shown as a resume, like its own.
   */
  resume() {
    this.#reconnects += 1;
    this.open();
    this.#dropped = this.#lastId > 0;
    this.#report('reconnecting');
  }

  close() {
    this.#source?.close();
    this.#source = undefined;
    this.#stopReplay();
  }

  #opened(source) {
    if (source !== this.#source) return;
    if (!this.#dropped) {
      this.#report('live');
      return;
    }
    this.#dropped = false;
    this.#replay = { count: 0, timer: setTimeout(() => this.#stopReplay(), REPLAY_WAIT_MS) };
    this.#replayed = 0;
    this.#report('resumed');
  }

  #received(source, kind, message) {
    if (source !== this.#source) return;
    const seq = Number(message.lastEventId);
    if (Number.isInteger(seq) && seq <= this.#lastId) {
      this.#duplicates += 1;
      return;
    }
    let event;
    try {
      event = JSON.parse(message.data);
    } catch {
      this.#report('closed', { message: `The gateway sent an event that is not JSON (id ${message.lastEventId}).` });
      return;
    }
    if (Number.isInteger(seq)) this.#lastId = seq;
    if (this.#replay) {
      this.#replay.count += 1;
      this.#replayed = this.#replay.count;
      clearTimeout(this.#replay.timer);
      this.#replay.timer = setTimeout(() => this.#stopReplay(), REPLAY_GAP_MS);
      this.#report('resumed');
    }
    this.#handlers.onEvent(seq, kind, event);
    if (kind === 'status-update' && event.final === true) {
      const waits = event.status?.state === 'input-required' || event.status?.state === 'auth-required';
      this.close();
      this.#report(waits ? 'paused' : 'ended');
    }
  }

  #failed(source, event) {
    if (source !== this.#source) return;
    // A server-sent `event: error` frame carries data; a connection error does not.
    if (typeof event.data === 'string' && event.data !== '') {
      this.close();
      this.#report('closed', { message: errorMessage(event.data) });
      this.#handlers.onClosed();
      return;
    }
    if (source.readyState === EventSource.CONNECTING) {
      this.#stopReplay();
      // One drop, however many attempts EventSource makes before it gets through.
      if (!this.#dropped) this.#reconnects += 1;
      this.#dropped = true;
      this.#report('reconnecting');
      return;
    }
    // CLOSED: an HTTP error (401, 404, 204 past the end…) that EventSource does not retry.
    this.close();
    this.#report('closed');
    this.#handlers.onClosed();
  }

  #stopReplay() {
    if (!this.#replay) return;
    clearTimeout(this.#replay.timer);
    this.#replay = undefined;
  }

  #report(state, extra = {}) {
    this.#handlers.onConnection({ state, reconnects: this.#reconnects, replayed: this.#replayed, ...extra });
  }
}

function errorMessage(data) {
  try {
    const parsed = JSON.parse(data);
    const error = parsed.error ?? parsed;
    if (typeof error.message === 'string') return error.message;
  } catch {
    // Not JSON: show it as sent.
  }
  return String(data).slice(0, 300);
}
