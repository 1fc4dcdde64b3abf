import { Socket, createServer } from 'node:net';
import type { AddressInfo, Server } from 'node:net';

/** A TCP proxy in front of a real server, able to cut every open connection on demand. */
export interface CutProxy {
  /** The proxy's base URL: the target's with the proxy's port. */
  readonly url: string;
  /** Destroys every open connection, both sides, as a network failure would. */
  cut(): void;
  /** Cuts each connection once this many response bytes have passed through it. */
  cutAfterBytes(bytes: number | undefined): void;
  /** Connections opened so far. */
  readonly connections: number;
  close(): Promise<void>;
}

/**
 * Starts a proxy to `target` (an `http://host:port` URL) on a free loopback port. Tests use it to
 * drop streams mid-flight without touching the server or the client under test.
 */
export async function startCutProxy(target: string): Promise<CutProxy> {
  const { hostname, port } = new URL(target);
  const open = new Set<Socket>();
  let connections = 0;
  let limit: number | undefined;
  const server: Server = createServer((client) => {
    connections += 1;
    const upstream = new Socket();
    let passed = 0;
    open.add(client);
    open.add(upstream);
    const drop = (): void => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    upstream.connect(Number(port), hostname);
    client.on('data', (chunk: Buffer) => upstream.write(chunk));
    upstream.on('data', (chunk: Buffer) => {
      if (limit !== undefined && passed + chunk.length > limit) {
        client.write(chunk.subarray(0, Math.max(0, limit - passed)), drop);
        return;
      }
      passed += chunk.length;
      client.write(chunk);
    });
    client.on('close', drop);
    upstream.on('close', drop);
    client.on('error', drop);
    upstream.on('error', drop);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    cut() {
      for (const socket of open) socket.destroy();
      open.clear();
    },
    cutAfterBytes(bytes) {
      limit = bytes;
    },
    get connections() {
      return connections;
    },
    async close() {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
