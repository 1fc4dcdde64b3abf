import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeHeapSnapshot } from 'node:v8';
import { createFloorServer } from './floor-server.ts';
import { gates } from './gates.ts';
import type {
  ControlMessage,
  ControlRequest,
  ServerProcessOptions,
  ServerRole,
  ServerStats,
} from './control-messages.ts';
import { startGateway, startOrchestrator } from './mesh-roles.ts';
import type { Started } from './mesh-roles.ts';
import { createOursServer } from './ours-server.ts';
import { createPeerServer } from './peer-server.ts';
import { openRedisStore } from './redis-store.ts';

/**
 * One benchmark server in a process of its own (so its memory and CPU time are its own), run as
 * `node --import tsx --expose-gc server-process.ts <role> <options JSON>` by `ServerHandle`. It
 * reports its URL over IPC, then answers control requests: memory and CPU time, gate releases,
 * stop. Exiting normally is what lets `--cpu-prof` write its profile.
 */
async function start(role: ServerRole, options: ServerProcessOptions): Promise<Started> {
  switch (role) {
    case 'floor':
      return listen(createFloorServer(options), options.port);
    case 'peer': {
      const { server, card } = createPeerServer();
      const started = await listen(server, options.port);
      card.url = `${started.url}/`;
      return started;
    }
    case 'ours':
    case 'specialist': {
      const server = createOursServer(options);
      return { url: await server.listen(options.port ?? 0, '127.0.0.1'), close: () => server.close() };
    }
    case 'ours-redis': {
      const server = createOursServer(options, await openRedisStore(options.redisUrl ?? ''));
      return { url: await server.listen(options.port ?? 0, '127.0.0.1'), close: () => server.close() };
    }
    case 'orchestrator':
      return startOrchestrator({ ...options, specialistUrl: options.specialistUrl ?? '' });
    case 'gateway':
      return startGateway({ ...options, orchestratorUrl: options.orchestratorUrl ?? '' });
  }
}

async function listen(server: Server, port = 0): Promise<Started> {
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function stats(collect: boolean): ServerStats {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (collect && gc) {
    gc();
    gc();
  }
  const memory = process.memoryUsage();
  const cpu = process.cpuUsage();
  return {
    rss: memory.rss,
    heapUsed: memory.heapUsed,
    external: memory.external,
    arrayBuffers: memory.arrayBuffers,
    cpuMicros: cpu.user + cpu.system,
  };
}

function send(message: ControlMessage): void {
  process.send?.(message);
}

// The benchmark went away (Ctrl-C, a crash): do not outlive it.
process.on('disconnect', () => process.exit(0));

const [role, json] = process.argv.slice(2) as [ServerRole, string];
try {
  const started = await start(role, JSON.parse(json) as ServerProcessOptions);
  process.on('message', (request: ControlRequest) => {
    switch (request.cmd) {
      case 'stats':
        return send({ type: 'reply', id: request.id, stats: stats(request.gc) });
      case 'release':
        gates.release(request.gate);
        return send({ type: 'reply', id: request.id });
      case 'heap-snapshot':
        stats(true);
        writeHeapSnapshot(request.path);
        return send({ type: 'reply', id: request.id });
      case 'stop': {
        // A stream held open forever (idle scenario) must not keep the process from exiting.
        const deadline = setTimeout(() => process.exit(0), 2_000);
        void started.close().finally(() => {
          clearTimeout(deadline);
          send({ type: 'reply', id: request.id });
          process.exit(0);
        });
        return;
      }
    }
  });
  send({ type: 'ready', url: started.url });
} catch (error) {
  send({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
}
