import type { BenchOptions } from '../bench-options.ts';
import type { ClientPool } from '../client/client-pool.ts';
import type { ServerHandle } from '../servers/server-handle.ts';
import type { StreamResult } from '../sse/sse-stream-reader.ts';
import { startDeployment } from '../targets/deployment.ts';
import type { Deployment, DeploymentName, DeploymentOptions } from '../targets/deployment.ts';
import type { Target } from '../targets/targets.ts';
import type { Workload } from '../workload.ts';

/** What every scenario gets. */
export interface BenchContext {
  readonly options: BenchOptions;
  readonly pool: ClientPool;
  /** The targets of this run, in column order. */
  readonly targets: readonly Target[];
  readonly deployments: DeploymentPool;
  log(message: string): void;
}

/**
 * Where scenarios get their servers. A full run starts them fresh for every scenario (what one
 * scenario leaves in memory must not weigh on the next); a quick run shares one set, started
 * once, to stay short. The idle scenario always starts its own.
 */
export class DeploymentPool {
  readonly #shared: Map<DeploymentName, Deployment> | undefined;

  constructor(shared: boolean) {
    this.#shared = shared ? new Map() : undefined;
  }

  /** The deployments `targets` need; with sharing, the same map every time (replace entries in it). */
  async acquire(targets: readonly Target[]): Promise<Map<DeploymentName, Deployment>> {
    if (!this.#shared) return startDeployments(targets);
    const missing = targets.filter((target) => !this.#shared!.has(target.deployment));
    for (const [name, deployment] of await startDeployments(missing)) this.#shared.set(name, deployment);
    return this.#shared;
  }

  /** Stops what `acquire` started, unless it is shared. */
  async release(deployments: Map<DeploymentName, Deployment>): Promise<void> {
    if (deployments !== this.#shared) await stopDeployments(deployments);
  }

  /** Stops the shared deployments. */
  async close(): Promise<void> {
    if (this.#shared) await stopDeployments(this.#shared);
  }
}

/** Events a stream of `workload` carries besides its status updates: the task, the artifact, the final status. */
export const framingEvents = 3;

/** A workload as fast as the producer goes. */
export function burst(events: number, options: BenchOptions, gate?: string): Workload {
  return { events, ratePerSecond: 0, yieldEvery: options.yieldEvery, ...(gate ? { gate } : {}) };
}

/** Starts the deployments `targets` need, fresh, in parallel. */
export async function startDeployments(
  targets: readonly Target[],
  options: DeploymentOptions = {},
): Promise<Map<DeploymentName, Deployment>> {
  const names = [...new Set(targets.map((target) => target.deployment))];
  const started = await Promise.all(names.map((name) => startDeployment(name, options)));
  return new Map(started.map((deployment) => [deployment.name, deployment]));
}

export async function stopDeployments(deployments: Map<DeploymentName, Deployment>): Promise<void> {
  await Promise.all([...deployments.values()].map((deployment) => deployment.stop()));
}

/** The targets in the order repetition `rep` runs them: rotated, so that no target always goes first. */
export function rotate<T>(items: readonly T[], rep: number): T[] {
  const shift = rep % Math.max(1, items.length);
  return [...items.slice(shift), ...items.slice(0, shift)];
}

/** CPU time used so far by `servers`, together (µs). */
export async function cpuMicros(servers: readonly ServerHandle[]): Promise<number> {
  const stats = await Promise.all(servers.map((server) => server.stats()));
  return stats.reduce((sum, each) => sum + each.cpuMicros, 0);
}

/**
 * Streams a small workload twice on every target, so that code paths are compiled before
 * measuring (2,000 events; 300 in a quick run).
 */
export async function warmUp(
  context: BenchContext,
  targets: readonly Target[],
  deployments: Map<DeploymentName, Deployment>,
  events = context.options.quick ? 300 : 2_000,
): Promise<void> {
  for (const target of targets) {
    const deployment = deployments.get(target.deployment)!;
    for (let round = 0; round < 2; round++) {
      await context.pool.one(target.stream(deployment, burst(events, context.options)), { timeoutMs: 60_000 });
    }
  }
}

/**
 * Why a stream is not a clean run: its error, or fewer events than the workload (with how the
 * task ended, from its last event); undefined when it delivered everything.
 */
export function streamProblem(result: StreamResult, expectedEvents: number): string | undefined {
  if (result.error) return result.error;
  if (result.events >= expectedEvents) return undefined;
  return `delivered ${result.events.toLocaleString('en-US')} of ${expectedEvents.toLocaleString('en-US')} events${endReason(result.lastData)}`;
}

/** ", the task ended failed: <message>" from a last event's JSON, when it says so. */
export function endReason(lastData: string | undefined): string {
  if (!lastData) return '';
  try {
    const parsed = JSON.parse(lastData) as { result?: Record<string, unknown> } & Record<string, unknown>;
    const event = (parsed.result ?? parsed) as {
      status?: { state?: string; message?: { parts?: { text?: string }[] } };
    };
    const state = event.status?.state;
    if (!state) return '';
    const text = event.status?.message?.parts?.map((part) => part.text ?? '').join(' ') ?? '';
    return `, the task ended ${state}${text ? `: "${text.slice(0, 160)}"` : ''}`;
  } catch {
    return '';
  }
}

/**
 * Waits until `servers` are idle (under 5 % of a core over 200 ms), at most `limitMs`: work a
 * run left behind (a producer still publishing after its client left, a relay's tail, a GC)
 * must not be counted against the next target.
 */
export async function settle(servers: readonly ServerHandle[], limitMs = 30_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  let before = await cpuMicros(servers);
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const now = await cpuMicros(servers);
    if (now - before < 10_000) return;
    before = now;
  }
}
