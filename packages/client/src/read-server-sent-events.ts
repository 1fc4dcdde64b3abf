import { createParser } from 'eventsource-parser';
import type { EventSourceMessage, ParseError } from 'eventsource-parser';
import { A2AClientError } from './a2a-client-error.ts';

/** One dispatched Server-Sent Events message. */
export interface ServerSentEvent {
  /** The `id:` field of this message, if it had one (not carried over from earlier messages). */
  id?: string;
  /** The `event:` field; absent means the default type, `message`. */
  event?: string;
  /** The `data:` lines of the message, joined with `\n`. */
  data: string;
  /** The reconnection delay in milliseconds from a `retry:` field received since the previous message. */
  retry?: number;
}

/** Limits for {@link readServerSentEvents}. */
export interface ReadServerSentEventsOptions {
  /**
   * Most characters a single message (or an unterminated line) may buffer before the stream is
   * rejected. Without a bound, a server that never sends a blank line grows our memory forever.
   */
  maxMessageLength?: number;
}

/** Default for {@link ReadServerSentEventsOptions.maxMessageLength}: 16 MiB of text. */
export const defaultMaxMessageLength = 16 * 1024 * 1024;

/**
 * Reads an SSE byte stream (for example an undici response body) as messages.
 *
 * Framing is left to eventsource-parser: LF, CRLF and CR line ends, comment lines, multi-line
 * `data:` joined with `\n`, `id:`, `event:` and `retry:`. Bytes are decoded as a UTF-8 stream,
 * so a character split across two chunks is kept whole. A message cut off by the end of the
 * stream is discarded, as the SSE specification requires. A message longer than the limit throws
 * an `A2AClientError` with code `malformed-response`.
 *
 * `retry:` is not a message of its own in SSE; it is reported on the next message so that the
 * items stay one-per-message. Breaking out of the iteration returns the source iterator, which
 * for an undici body destroys it and closes the connection.
 */
export async function* readServerSentEvents(
  source: AsyncIterable<Uint8Array>,
  options: ReadServerSentEventsOptions = {},
): AsyncGenerator<ServerSentEvent, void, undefined> {
  const decoder = new TextDecoder('utf-8');
  const ready: ServerSentEvent[] = [];
  let retry: number | undefined;
  let failure: ParseError | undefined;
  const parser = createParser({
    maxBufferSize: options.maxMessageLength ?? defaultMaxMessageLength,
    onEvent: (message: EventSourceMessage) => {
      ready.push(toServerSentEvent(message, retry));
      retry = undefined;
    },
    onRetry: (milliseconds) => {
      retry = milliseconds;
    },
    onError: (error) => {
      // Unknown fields and bad `retry:` values are ignored, as browsers do; only an overflow is fatal.
      if (error.type === 'max-buffer-size-exceeded') failure = error;
    },
  });

  let endsWithCarriageReturn = false;
  for await (const chunk of source) {
    const text = decoder.decode(chunk, { stream: true });
    if (text !== '') endsWithCarriageReturn = text.endsWith('\r');
    parser.feed(text);
    if (failure) {
      throw new A2AClientError('malformed-response', `Malformed event stream: ${failure.message}`, { cause: failure });
    }
    yield* drain(ready);
  }
  parser.feed(decoder.decode());
  // The parser holds back a final CR in case an LF follows; at the end nothing will, so the CR
  // ends its line. An LF completes the pair without adding a line (an incomplete message stays
  // incomplete).
  if (endsWithCarriageReturn) parser.feed('\n');
  yield* drain(ready);
}

function* drain(ready: ServerSentEvent[]): Generator<ServerSentEvent> {
  const batch = ready.splice(0);
  yield* batch;
}

function toServerSentEvent(message: EventSourceMessage, retry: number | undefined): ServerSentEvent {
  const event: ServerSentEvent = { data: message.data };
  if (message.id !== undefined) event.id = message.id;
  if (message.event !== undefined) event.event = message.event;
  if (retry !== undefined) event.retry = retry;
  return event;
}
