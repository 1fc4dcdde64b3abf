/** One Server-Sent Events message, as a black-box client sees it on the wire. */
export interface SseMessage {
  id?: string;
  event?: string;
  data: string;
}

/**
 * Reads an SSE response body into messages, per the WHATWG framing rules a conformance client
 * applies: LF or CRLF line ends, `:` comment lines ignored, several `data:` lines joined by `\n`,
 * one optional space after the colon. Stops after `limit` messages (closing the body) or at the
 * end of the stream. Deliberately independent of both our client's parser and the SDK's.
 */
export async function readSse(response: Response, limit = Number.POSITIVE_INFINITY): Promise<SseMessage[]> {
  if (!response.body) throw new Error('the response has no body');
  const messages: SseMessage[] = [];
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let current: { id?: string; event?: string; data: string[] } = { data: [] };
  try {
    while (messages.length < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += value;
      let end: number;
      while (messages.length < limit && (end = buffer.search(/\r?\n/)) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + (buffer[end] === '\r' ? 2 : 1));
        if (line === '') {
          if (current.data.length > 0) {
            messages.push({
              ...(current.id === undefined ? {} : { id: current.id }),
              ...(current.event === undefined ? {} : { event: current.event }),
              data: current.data.join('\n'),
            });
          }
          current = { data: [] };
          continue;
        }
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const raw = colon < 0 ? '' : line.slice(colon + 1);
        const text = raw.startsWith(' ') ? raw.slice(1) : raw;
        if (field === 'data') current.data.push(text);
        else if (field === 'id') current.id = text;
        else if (field === 'event') current.event = text;
      }
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return messages;
}
