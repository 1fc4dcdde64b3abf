import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { meshPorts, meshServices, serviceEnvironment } from './mesh-services.ts';
import type { MeshService } from './mesh-services.ts';
import { isPortFree } from './port-free.ts';
import { readableLogLine } from './readable-log.ts';

/** What {@link launchMesh} needs. */
export interface LaunchOptions {
  /** The repository root: entry points are relative to it. */
  root: string;
  env: NodeJS.ProcessEnv;
  /** Where readable log lines and messages go. */
  print: (line: string) => void;
  /** How long every service gets to answer its health check. Default 60 s. */
  readyTimeoutMs?: number;
}

/** A process of the mesh that exited on its own. */
export interface Crash {
  name: string;
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Start order: specialists together, then the orchestrator, then the gateway. */
const stages: MeshService[][] = [
  meshServices.filter((service) => !['orchestrator', 'gateway'].includes(service.name)),
  meshServices.filter((service) => service.name === 'orchestrator'),
  meshServices.filter((service) => service.name === 'gateway'),
];

/** A running mesh. */
export interface RunningMesh {
  /** The web UI's URL. */
  readonly uiUrl: string;
  /** Stops every process (SIGTERM, then SIGKILL after `graceMs`); resolves when all have exited. */
  stop(graceMs?: number): Promise<void>;
  /** Settles with the first process that exits on its own, naming it. */
  readonly crashed: Promise<Crash>;
}

/** A launch that could not happen, with a message a person can act on. */
export class LaunchError extends Error {
  override readonly name = 'LaunchError';
}

/**
 * Starts the whole mesh as child processes — specialists, orchestrator, gateway — each on its
 * own port, with their logs made readable and prefixed by service, and resolves once every one
 * answers its health check. A port in use stops the launch before anything starts.
 */
export async function launchMesh(options: LaunchOptions): Promise<RunningMesh> {
  const { root, env, print } = options;
  const host = env.HOST ?? '127.0.0.1';
  let ports: Map<string, number>;
  try {
    ports = meshPorts(env);
  } catch (error) {
    throw new LaunchError((error as Error).message);
  }
  for (const service of meshServices) {
    const port = ports.get(service.name)!;
    if (!(await isPortFree(port, host))) {
      throw new LaunchError(
        `Port ${port} (${service.name}) is in use on ${host}: stop what uses it, or set ${service.portVariable} to a free port.`,
      );
    }
  }

  const children = new Map<string, ChildProcess>();
  let stopping = false;
  let reportCrash!: (crash: Crash) => void;
  const crashed = new Promise<Crash>((resolve) => (reportCrash = resolve));
  const spawnService = (service: MeshService): void => {
    const child = spawn(process.execPath, ['--import', 'tsx', service.entry], {
      cwd: root,
      env: serviceEnvironment(service, ports, host, env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.set(service.name, child);
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream! }).on('line', (line) => {
        if (line.trim()) print(readableLogLine(service.name, line));
      });
    }
    child.once('exit', (code, signal) => {
      if (!stopping) reportCrash({ name: service.name, code, signal });
    });
  };

  const stop = async (graceMs = 15_000): Promise<void> => {
    stopping = true;
    const exits = [...children.values()]
      .filter((child) => child.exitCode === null && child.signalCode === null)
      .map((child) => {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        return exited.finally(() => clearTimeout(timer));
      });
    await Promise.all(exits);
  };

  const url = (name: string): string => `http://${host}:${ports.get(name)}`;
  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  const answers = async (service: MeshService): Promise<void> => {
    const check = `${url(service.name)}/healthz`;
    while (Date.now() < deadline && !stopping) {
      if (
        await fetch(check).then(
          (response) => response.ok,
          () => false,
        )
      )
        return;
      await sleep(100);
    }
    throw new LaunchError(`${service.name} did not answer ${check} in time`);
  };
  const failed = crashed.then(({ name, code, signal }) => {
    throw new LaunchError(`${name} exited while starting (${signal ?? `exit code ${code}`}); see its log above`);
  });
  failed.catch(() => {});
  try {
    // Stage by stage: the orchestrator reads the specialists' cards when it starts, and the
    // gateway reads the orchestrator's, so each finds the ones before it answering.
    for (const stage of stages) {
      stage.forEach(spawnService);
      await Promise.race([Promise.all(stage.map(answers)), failed]);
    }
  } catch (error) {
    await stop(2_000);
    throw error;
  }
  return { uiUrl: `${url('gateway')}/`, stop, crashed };
}
