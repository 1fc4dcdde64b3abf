import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePorts } from './free-ports.ts';
import { findNginx, startNginx, writeNginxFiles } from './nginx-server.ts';
import { ProcessGroup } from './process-group.ts';
import type { ProcessExit } from './process-group.ts';
import { startRedis } from './redis-server.ts';
import { defaultReplicaCounts, replicaTopology, replicaTotal } from './replica-topology.ts';
import type { Replica, ReplicaCounts, ServiceName } from './replica-topology.ts';

/** What {@link launchReplicas} takes; every field has a default. */
export interface LaunchReplicasOptions {
  /** The repository root; default the one this file is in. */
  readonly root?: string;
  /** The environment every process starts from; default `process.env`. */
  readonly env?: NodeJS.ProcessEnv;
  /** Processes per service; default {@link defaultReplicaCounts}. */
  readonly replicas?: Partial<ReplicaCounts>;
  /** A Redis to use; default a `redis-server` started on a free port and stopped with the rest. */
  readonly redisUrl?: string | undefined;
  /** nginx in front of the gateways: when installed (`auto`, the default), `required`, or `off`. */
  readonly nginx?: 'auto' | 'required' | 'off';
  /** Where every process listens and is called; default `127.0.0.1`. */
  readonly host?: string;
  /** Where log lines go, prefixed by process name; default nowhere. */
  readonly print?: (line: string) => void;
  /** How long the whole launch may take before it gives up; default 60 s. */
  readonly readyTimeoutMs?: number;
  /** Aborting it stops the launch: whatever started is stopped, and the launch rejects. */
  readonly signal?: AbortSignal;
}

/** A running topology. */
export interface RunningReplicas {
  /** Where clients go: nginx when it runs, else the first gateway. */
  readonly url: string;
  /** nginx's URL, or undefined when it is not installed (or was turned off). */
  readonly nginxUrl: string | undefined;
  /** nginx's access log file, which names the gateway that answered each request. */
  readonly nginxAccessLog: string | undefined;
  readonly redisUrl: string;
  /** Every service's replicas' base URLs, in replica order. */
  readonly urls: Readonly<Record<ServiceName, readonly string[]>>;
  readonly replicas: readonly Replica[];
  /** Stops one replica (`gateway-2`): SIGTERM by default, its graceful shutdown. Not a crash. */
  stopReplica(name: string, signal?: NodeJS.Signals): Promise<ProcessExit>;
  /** Starts a stopped replica again, on the same port; resolves once it is ready. */
  startReplica(name: string): Promise<void>;
  /** Stops everything: nginx, gateways, orchestrators, specialists, then Redis. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILLs every process at once, synchronously (for a process `exit` handler). */
  killNow(): void;
  /** Settles with the first process that exits on its own. */
  readonly crashed: Promise<ProcessExit>;
}

const repositoryRoot = path.resolve(import.meta.dirname, '..', '..');

/**
 * Starts the multi-replica topology of infra/compose on this machine, without containers: Redis
 * (its own `redis-server`, unless `redisUrl` is given), the specialists, the orchestrators, the
 * gateways (see {@link replicaTopology} for how they are wired) and, when installed, nginx with
 * infra/nginx/a2a-mesh.conf in front of the gateways. Resolves once every process answers
 * `/readyz`; a failure stops whatever started and rejects with the reason.
 */
export async function launchReplicas(options: LaunchReplicasOptions = {}): Promise<RunningReplicas> {
  const root = options.root ?? repositoryRoot;
  const env = options.env ?? process.env;
  const host = options.host ?? '127.0.0.1';
  const counts: ReplicaCounts = { ...defaultReplicaCounts, ...options.replicas };
  const nginx = options.nginx === 'off' ? undefined : findNginx(env);
  if (options.nginx === 'required' && !nginx) throw new Error('nginx is not installed (apt-get install nginx)');
  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  const group = new ProcessGroup(options.print ?? (() => {}));
  const directory = await mkdtemp(path.join(tmpdir(), 'a2a-mesh-replicas-'));
  const cleanups: Array<() => Promise<void>> = [() => rm(directory, { recursive: true, force: true })];
  const stop = async (graceMs = 15_000): Promise<void> => {
    await group.stopAll(graceMs);
    for (const cleanup of cleanups.splice(0)) await cleanup();
  };
  const failed = group.crashed.then(({ name, code, signal }) => {
    throw new Error(`${name} exited while starting (${signal ?? `exit code ${code}`}); see its log`);
  });
  const aborted = new Promise<never>((_resolve, reject) => {
    const abort = (): void => reject(new Error('the launch was stopped'));
    if (options.signal?.aborted) abort();
    options.signal?.addEventListener('abort', abort, { once: true });
  });
  for (const promise of [failed, aborted]) promise.catch(() => {});
  const orCrash = <T>(promise: Promise<T>): Promise<T> => Promise.race([promise, failed, aborted]);

  try {
    const ports = await freePorts(replicaTotal(counts) + 2, host);
    const [redisPort, nginxPort] = ports.splice(0, 2) as [number, number];
    const redisUrl =
      options.redisUrl ??
      (
        await orCrash(
          startRedis(group, { port: redisPort, host, directory, cwd: root, env, timeoutMs: deadline - Date.now() }),
        )
      ).url;
    const replicas = replicaTopology({ counts, ports, host, redisUrl, behindProxy: nginx !== undefined });
    const spawnReplica = (replica: Replica): void => {
      group.start({
        name: replica.name,
        command: process.execPath,
        args: ['--import', 'tsx', replica.entry],
        cwd: root,
        env: { ...env, ...replica.env },
        tier: replica.tier,
      });
    };
    for (const tier of [...new Set(replicas.map((replica) => replica.tier))].sort((a, b) => a - b)) {
      const stage = replicas.filter((replica) => replica.tier === tier);
      stage.forEach(spawnReplica);
      await orCrash(Promise.all(stage.map((replica) => waitReady(replica, deadline))));
    }
    const urls = Object.fromEntries(
      (Object.keys(counts) as ServiceName[]).map((service) => [
        service,
        replicas.filter((replica) => replica.service === service).map((replica) => replica.url),
      ]),
    ) as Record<ServiceName, string[]>;
    let nginxUrl: string | undefined;
    let nginxAccessLog: string | undefined;
    if (nginx) {
      nginxUrl = `http://${host}:${nginxPort}`;
      const gateways = urls.gateway.map((url) => new URL(url).host);
      const files = await writeNginxFiles({ listen: `${host}:${nginxPort}`, gateways });
      cleanups.push(() => rm(files.prefix, { recursive: true, force: true }));
      nginxAccessLog = files.accessLog;
      await orCrash(
        startNginx(group, { nginx, files, url: nginxUrl, cwd: root, env, timeoutMs: deadline - Date.now() }),
      );
    }

    const replica = (name: string): Replica => {
      const found = replicas.find((candidate) => candidate.name === name);
      if (!found) throw new Error(`no replica named ${name}: ${replicas.map((each) => each.name).join(', ')}`);
      return found;
    };
    return {
      url: nginxUrl ?? urls.gateway[0]!,
      nginxUrl,
      nginxAccessLog,
      redisUrl,
      urls,
      replicas,
      stopReplica: (name, signal) => group.stop(replica(name).name, signal),
      startReplica: async (name) => {
        spawnReplica(replica(name));
        await waitReady(replica(name), Date.now() + (options.readyTimeoutMs ?? 60_000));
      },
      stop,
      killNow: () => group.killAllNow(),
      crashed: group.crashed,
    };
  } catch (error) {
    await stop(2_000);
    throw error;
  }
}

/** Resolves once `replica` answers `GET /readyz` with 200; rejects at `deadline`. */
async function waitReady(replica: Replica, deadline: number): Promise<void> {
  const check = `${replica.url}/readyz`;
  while (Date.now() < deadline) {
    const ready = await fetch(check, { signal: AbortSignal.timeout(2_000) }).then(
      async (response) => {
        await response.body?.cancel();
        return response.ok;
      },
      () => false,
    );
    if (ready) return;
    await sleep(100);
  }
  throw new Error(`${replica.name} did not answer ${check} with 200 in time`);
}
