import { describe, expect, it } from 'vitest';
import { A2AClientError } from './a2a-client-error.ts';
import { readServerSentEvents } from './read-server-sent-events.ts';
import type { ServerSentEvent } from './read-server-sent-events.ts';

const encoder = new TextEncoder();

async function* chunks(...parts: Array<string | Uint8Array>): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield typeof part === 'string' ? encoder.encode(part) : part;
}

async function read(
  source: AsyncIterable<Uint8Array>,
  options?: { maxMessageLength?: number },
): Promise<ServerSentEvent[]> {
  const events: ServerSentEvent[] = [];
  for await (const event of readServerSentEvents(source, options)) events.push(event);
  return events;
}

/** Feeds `text` one byte at a time: every line, field and character boundary gets split. */
async function* byteByByte(text: string): AsyncGenerator<Uint8Array> {
  for (const byte of encoder.encode(text)) yield Uint8Array.of(byte);
}

describe('readServerSentEvents', () => {
  it('reads LF-separated messages with id and event fields', async () => {
    const events = await read(chunks('id: 1\ndata: {"a":1}\n\nid: 2\nevent: error\ndata: {"b":2}\n\n'));
    expect(events).toEqual([
      { id: '1', data: '{"a":1}' },
      { id: '2', event: 'error', data: '{"b":2}' },
    ]);
  });

  it('accepts CRLF and bare CR line ends', async () => {
    expect(await read(chunks('id: 1\r\ndata: crlf\r\n\r\n'))).toEqual([{ id: '1', data: 'crlf' }]);
    expect(await read(chunks('id: 2\rdata: cr\r\r'))).toEqual([{ id: '2', data: 'cr' }]);
  });

  it('skips comment lines such as heartbeats', async () => {
    const events = await read(chunks(': heartbeat\n\n: ping - 2025-01-01\r\n\r\ndata: after\n\n'));
    expect(events).toEqual([{ data: 'after' }]);
  });

  it('joins multi-line data with newlines', async () => {
    expect(await read(chunks('data: {\ndata:   "a": 1\ndata: }\n\n'))).toEqual([{ data: '{\n  "a": 1\n}' }]);
  });

  it('does not carry an id over to a later message without one', async () => {
    expect(await read(chunks('id: 7\ndata: a\n\ndata: b\n\n'))).toEqual([{ id: '7', data: 'a' }, { data: 'b' }]);
  });

  it('reports retry on the next message', async () => {
    const events = await read(chunks('retry: 1500\n\nid: 1\ndata: x\n\ndata: y\n\n'));
    expect(events).toEqual([{ id: '1', data: 'x', retry: 1500 }, { data: 'y' }]);
  });

  it('survives chunk boundaries inside lines, CRLF pairs and multi-byte characters', async () => {
    const text =
      ': hb\r\nretry: 20\r\nid: 41\r\nevent: message\r\ndata: {"text":"Søker i dokumenter… 🔎"}\r\n\r\nid: 42\r\ndata: ✓\r\n\r\n';
    expect(await read(byteByByte(text))).toEqual([
      { id: '41', event: 'message', data: '{"text":"Søker i dokumenter… 🔎"}', retry: 20 },
      { id: '42', data: '✓' },
    ]);
  });

  it('keeps a character whose bytes straddle two chunks whole', async () => {
    const bytes = encoder.encode('data: 🔎\n\n');
    const events = await read(chunks(bytes.slice(0, 8), bytes.slice(8)));
    expect(events).toEqual([{ data: '🔎' }]);
  });

  it('discards a message cut off by the end of the stream', async () => {
    expect(await read(chunks('data: whole\n\ndata: cut off'))).toEqual([{ data: 'whole' }]);
  });

  it('rejects a message longer than the limit', async () => {
    const error = await read(chunks(`data: ${'x'.repeat(100)}`), { maxMessageLength: 50 }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(A2AClientError);
    expect((error as A2AClientError).code).toBe('malformed-response');
  });

  it('returns the source when the consumer stops early', async () => {
    let returned = false;
    async function* source(): AsyncGenerator<Uint8Array> {
      try {
        yield encoder.encode('data: 1\n\ndata: 2\n\n');
        yield encoder.encode('data: 3\n\n');
      } finally {
        returned = true;
      }
    }
    for await (const event of readServerSentEvents(source())) {
      expect(event.data).toBe('1');
      break;
    }
    expect(returned).toBe(true);
  });
});
