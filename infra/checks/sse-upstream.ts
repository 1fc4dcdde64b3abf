import { createServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A stand-in gateway that answers every request with a two-event SSE stream, held open between them. */
export interface SseUpstream {
  /** `host:port`, for an nginx upstream. */
  readonly address: string;
  /** The headers of every request it received. */
  readonly requests: IncomingHttpHeaders[];
  /** Whether the open stream has ended (its second event written). */
  readonly ended: boolean;
  /** Lets the held stream write its second event and end. */
  release(): void;
  close(): Promise<void>;
}

/**
 * Starts a server that writes the first event (`id:42`), then holds the stream open until
 * {@link SseUpstream.release} (or `holdMs`), then writes `id:43` and ends. So a client that sees
 * the first event while `ended` is still false got it through every proxy on the way unbuffered.
 * `accelBuffering` adds the gateway's own `X-Accel-Buffering` header to the response.
 */
export async function startSseUpstream(options: { accelBuffering?: 'no'; holdMs?: number } = {}): Promise<SseUpstream> {
  const requests: IncomingHttpHeaders[] = [];
  let ended = false;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const server = createServer((request, response) => {
    requests.push(request.headers);
    response.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      ...(options.accelBuffering ? { 'x-accel-buffering': options.accelBuffering } : {}),
    });
    response.write('retry:2000\n\nid:42\nevent:status-update\ndata:{"kind":"status-update","final":false}\n\n');
    const timer = setTimeout(release, options.holdMs ?? 5_000);
    void released.then(() => {
      clearTimeout(timer);
      response.end('id:43\nevent:status-update\ndata:{"kind":"status-update","final":true}\n\n', () => (ended = true));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    get ended() {
      return ended;
    },
    release: () => release(),
    close: () =>
      new Promise<void>((resolve) => {
        release();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
