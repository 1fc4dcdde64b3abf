import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { sleep } from '../clock.ts';
import type { ServerProcessOptions } from '../servers/control-messages.ts';
import { ServerHandle } from '../servers/server-handle.ts';
import type { ServerStartOptions } from '../servers/server-handle.ts';

/** The server setups the targets run on. */
export type DeploymentName = 'floor' | 'peer' | 'ours' | 'ours-redis' | 'mesh';

/** The running processes of one deployment, by role. */
export interface Deployment {
  readonly name: DeploymentName;
  readonly servers: Readonly<Record<string, ServerHandle>>;
  stop(): Promise<void>;
}

/** How a scenario wants its servers. */
export interface DeploymentOptions extends ServerStartOptions {
  heartbeatMs?: number;
}

/**
 * Starts a deployment, each server in its own process: one for the floor, the peer and ours;
 * for the mesh, the specialist, the orchestrator and the gateway as `pnpm start` runs them (one
 * process each, which also keeps each under the open-files limit with thousands of streams);
 * `ours-redis` adds a private `redis-server` without persistence.
 */
export async function startDeployment(name: DeploymentName, options: DeploymentOptions = {}): Promise<Deployment> {
  const base: ServerProcessOptions = options.heartbeatMs === undefined ? {} : { heartbeatMs: options.heartbeatMs };
  const start = (role: Parameters<typeof ServerHandle.start>[0], extra: ServerProcessOptions = {}) =>
    ServerHandle.start(role, { ...base, ...extra }, options);
  switch (name) {
    case 'floor':
    case 'peer':
    case 'ours': {
      const server = await start(name);
      return { name, servers: { [name]: server }, stop: () => server.stop() };
    }
    case 'ours-redis': {
      const redis = await startRedis();
      try {
        const server = await start('ours-redis', { redisUrl: redis.url });
        return {
          name,
          servers: { 'ours-redis': server },
          stop: async () => {
            await server.stop();
            await redis.stop();
          },
        };
      } catch (error) {
        await redis.stop();
        throw error;
      }
    }
    case 'mesh': {
      // Ports chosen up front, so that the three processes start together.
      const [specialistPort, orchestratorPort, gatewayPort] = await freePorts(3);
      const [specialist, orchestrator, gateway] = await Promise.all([
        start('specialist', { port: specialistPort }),
        start('orchestrator', { port: orchestratorPort, specialistUrl: `http://127.0.0.1:${specialistPort}` }),
        start('gateway', { port: gatewayPort, orchestratorUrl: `http://127.0.0.1:${orchestratorPort}` }),
      ]);
      return {
        name,
        servers: { specialist, orchestrator, gateway },
        stop: async () => {
          await gateway.stop();
          await orchestrator.stop();
          await specialist.stop();
        },
      };
    }
  }
}

/** A private Redis on a free port, without persistence (`--save ''`, no AOF). */
async function startRedis(): Promise<{ url: string; stop(): Promise<void> }> {
  const [port = 6379] = await freePorts(1);
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  const failed = new Promise<never>((_, reject) => child.once('error', reject));
  for (let attempt = 0; attempt < 50; attempt++) {
    if (await accepts(port)) break;
    await Promise.race([sleep(100), failed]);
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}

/** `count` distinct free ports: all are held at once before any is released. */
async function freePorts(count: number): Promise<number[]> {
  const servers = Array.from({ length: count }, () => createServer());
  await Promise.all(
    servers.map(
      (server) =>
        new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen(0, '127.0.0.1', resolve);
        }),
    ),
  );
  const ports = servers.map((server) => (server.address() as AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

async function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
