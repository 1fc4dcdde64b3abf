import type { A2AClientOptions } from '@a2a-mesh/client';
import type { Message } from '@a2a-mesh/protocol';
import type { Logger } from '@a2a-mesh/server';
import type { KnownAgent, Plan } from './plan.ts';
import type { UpstreamOutcome } from './upstream-outcome.ts';
import { UpstreamStep } from './upstream-step.ts';
import type { UpstreamCall } from './upstream-step.ts';

/** Where the runner finds a plan step's specialist. */
export interface AgentLookup {
  get(key: string): KnownAgent | undefined;
}

/** Options of a {@link PlanRunner}. */
export interface PlanRunnerOptions {
  plan: Plan;
  directory: AgentLookup;
  clientOptions?: Omit<A2AClientOptions, 'card'>;
  logger: Logger;
}

/** Why {@link PlanRunner.advance} returned: nothing left to run, or a specialist asks something. */
export type PlanPause = { kind: 'done' } | { kind: 'waiting'; step: UpstreamStep };

/** States after which a step's dependents can no longer run. */
const broken = new Set(['failed', 'skipped', 'canceled']);

/**
 * Runs a plan's steps against their specialists: every step whose inputs are ready starts at
 * once, so independent steps run in parallel, and a step with `dependsOn` starts when those
 * steps complete, with their final artifacts. A step whose input failed or was skipped is
 * skipped; its siblings run on. A specialist's question pauses the plan once nothing else is
 * running; {@link advance} with the user's reply continues it. The runner lives in memory as long
 * as its orchestrator task waits for a reply.
 */
export class PlanRunner {
  readonly #steps: UpstreamStep[];
  readonly #running = new Map<UpstreamStep, Promise<void>>();
  #canceling: Promise<void> | undefined;

  constructor(options: PlanRunnerOptions) {
    this.#steps = options.plan.steps.map(
      (step) =>
        new UpstreamStep(step, {
          agent: options.directory.get(step.agent),
          logger: options.logger,
          ...(options.clientOptions ? { clientOptions: options.clientOptions } : {}),
        }),
    );
  }

  /**
   * Runs until every step has ended, or until the steps still open all wait for input. With a
   * `reply`, the first waiting step gets it first. When `signal` aborts, every upstream task the
   * runner started is canceled and their streams are no longer read.
   */
  async advance(call: UpstreamCall, signal: AbortSignal, reply?: Message): Promise<PlanPause> {
    const onAbort = (): void => void this.cancel();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      const waiting = this.waiting();
      if (reply && waiting) this.#launch(waiting, waiting.reply(reply, call));
      while (!signal.aborted) {
        await this.#schedule(call);
        if (this.#running.size === 0) break;
        await Promise.race(this.#running.values());
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
    if (signal.aborted) await this.cancel();
    const next = this.waiting();
    return next ? { kind: 'waiting', step: next } : { kind: 'done' };
  }

  /** The first step (in plan order) whose specialist waits for input. */
  waiting(): UpstreamStep | undefined {
    return this.#steps.find((step) => step.state === 'input-required');
  }

  /** How each step went, in plan order. */
  outcomes(): UpstreamOutcome[] {
    return this.#steps.map((step) => step.outcome());
  }

  /** Cancels every upstream task still running or waiting, and waits for the running streams to stop. */
  cancel(): Promise<void> {
    this.#canceling ??= (async () => {
      await Promise.all(this.#steps.map((step) => step.cancel()));
      await Promise.all(this.#running.values());
    })();
    return this.#canceling;
  }

  /** Releases the clients' connection pools. */
  async close(): Promise<void> {
    await Promise.all(this.#steps.map((step) => step.close()));
  }

  /** Skips what can no longer run and starts what is ready, until nothing changes. */
  async #schedule(call: UpstreamCall): Promise<void> {
    let changed = true;
    while (changed) {
      changed = false;
      for (const step of this.#steps) {
        if (step.state !== 'pending' || this.#canceling) continue;
        const inputs = (step.step.dependsOn ?? []).map((id) => this.#steps.find((each) => each.step.id === id)!);
        const brokenInput = inputs.find((input) => broken.has(input.state));
        if (brokenInput) {
          await step.skip(
            `it needs ${brokenInput.step.id} (${brokenInput.step.agent}), which ${verb(brokenInput)}`,
            call.publisher,
          );
          changed = true;
        } else if (inputs.every((input) => input.state === 'completed')) {
          this.#launch(
            step,
            step.start(
              inputs.map((input) => input.input()),
              call,
            ),
          );
          changed = true;
        }
      }
    }
  }

  /**
   * Why a plan cannot be run, or undefined when it can: step ids must be unique, and `dependsOn`
   * must name other steps of the plan without a cycle.
   */
  static problemWith(plan: Plan): string | undefined {
    const ids = new Set<string>();
    for (const step of plan.steps) {
      if (ids.has(step.id)) return `two steps have the id "${step.id}"`;
      ids.add(step.id);
    }
    for (const step of plan.steps) {
      for (const id of step.dependsOn ?? []) {
        if (id === step.id) return `step ${step.id} depends on itself`;
        if (!ids.has(id)) return `step ${step.id} depends on ${id}, which is not in the plan`;
      }
    }
    const cycle = findCycle(plan);
    return cycle ? `its steps depend on each other in a cycle: ${cycle.join(' → ')}` : undefined;
  }

  #launch(step: UpstreamStep, run: Promise<void>): void {
    this.#running.set(
      step,
      run.finally(() => this.#running.delete(step)),
    );
  }
}

function verb(step: UpstreamStep): string {
  return step.state === 'failed' ? 'failed' : step.state === 'skipped' ? 'was skipped' : 'was canceled';
}

/** A dependency cycle, as the ids along it (first id repeated at the end), or undefined. */
function findCycle(plan: Plan): string[] | undefined {
  const dependencies = new Map(plan.steps.map((step) => [step.id, step.dependsOn ?? []]));
  const done = new Set<string>();
  const visit = (id: string, path: string[]): string[] | undefined => {
    if (path.includes(id)) return [...path.slice(path.indexOf(id)), id];
    if (done.has(id)) return undefined;
    for (const next of dependencies.get(id) ?? []) {
      const cycle = visit(next, [...path, id]);
      if (cycle) return cycle;
    }
    done.add(id);
    return undefined;
  };
  for (const step of plan.steps) {
    const cycle = visit(step.id, []);
    if (cycle) return cycle;
  }
  return undefined;
}
