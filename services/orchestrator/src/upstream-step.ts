import { A2AClient } from '@a2a-mesh/client';
import type { A2AClientOptions } from '@a2a-mesh/client';
import { applyTaskEvent } from '@a2a-mesh/protocol';
import type { Artifact, Message, Part, StreamEvent, Task } from '@a2a-mesh/protocol';
import type { EventPublisher, Logger } from '@a2a-mesh/server';
import type { KnownAgent, PlanStep } from './plan.ts';
import { relayEvent, relayedArtifactId } from './relay-event.ts';
import { upstreamFailure } from './upstream-failure.ts';
import { artifactText, upstreamMessage, upstreamReply } from './upstream-message.ts';
import type { UpstreamInput } from './upstream-message.ts';
import { settledState } from './upstream-outcome.ts';
import type { UpstreamOutcome, UpstreamState } from './upstream-outcome.ts';

/** What an {@link UpstreamStep} needs besides its step. */
export interface UpstreamStepOptions {
  /** The specialist as the directory knows it now; undefined when the directory has none by that key. */
  agent: KnownAgent | undefined;
  clientOptions?: Omit<A2AClientOptions, 'card'>;
  logger: Logger;
}

/** The orchestrator run a call belongs to: where its events are relayed, and what the call carries. */
export interface UpstreamCall {
  readonly publisher: EventPublisher;
  /** Headers of this run's calls (its `traceparent`, say). */
  readonly headers?: Record<string, string>;
}

/**
 * One step of a plan on its specialist: one upstream task, called with `message/stream` and
 * relayed event by event as it arrives (see `relayEvent`). The client resumes a dropped stream
 * from its cursor by itself; the step also drops any event at or below the last sequence number
 * it relayed, so a continuation's opening snapshot is not relayed twice. It never throws: how
 * the step ended is its {@link UpstreamStep.state}, with a reason when it failed.
 */
export class UpstreamStep {
  readonly step: PlanStep;
  readonly #options: UpstreamStepOptions;
  readonly #client: A2AClient | undefined;
  readonly #artifactIds = new Set<string>();
  #state: UpstreamState = 'pending';
  #reason: string | undefined;
  #task: Task | undefined;
  #lastSeq = 0;
  #controller = new AbortController();
  #canceled = false;
  #upstreamCancel: Promise<void> | undefined;

  constructor(step: PlanStep, options: UpstreamStepOptions) {
    this.step = step;
    this.#options = options;
    const card = options.agent?.card;
    // Reconnections are logged with the step they belong to, unless the caller routes them elsewhere.
    const logger = options.logger.child({ agent: step.agent, step: step.id });
    this.#client = card ? new A2AClient(card.url, { logger, ...options.clientOptions, card }) : undefined;
  }

  get state(): UpstreamState {
    return this.#state;
  }

  /** What the specialist asks while the step is `input-required`: its status message's parts. */
  question(): Part[] {
    return [...(this.#task?.status.message?.parts ?? [])];
  }

  /** The step's result, for the steps that depend on it. */
  input(): UpstreamInput {
    const artifacts = this.#artifacts();
    return { step: this.step.id, agent: this.step.agent, text: artifactText(artifacts), artifacts };
  }

  /** How the step stands, for the answer and the logs. */
  outcome(): UpstreamOutcome {
    const { id, agent, skillId } = this.step;
    return {
      step: id,
      agent,
      skillId,
      state: this.#state,
      ...(this.#task?.id ? { upstreamTaskId: this.#task.id } : {}),
      ...(this.#reason === undefined ? {} : { reason: this.#reason }),
      ...(this.#state === 'completed' ? { text: artifactText(this.#artifacts()) } : {}),
      artifactIds: [...this.#artifactIds],
    };
  }

  /** Starts the step's upstream task with the results of the steps it depends on. */
  async start(inputs: readonly UpstreamInput[], call: UpstreamCall): Promise<void> {
    const { publisher } = call;
    const { agent } = this.#options;
    if (!agent || !this.#client || !agent.card) {
      const why = agent ? `it is not available (${agent.problem ?? 'its card was never read'})` : 'no such agent';
      return this.#fail(why, publisher);
    }
    this.#state = 'running';
    await publisher.status('working', `Asking ${this.step.agent}: ${brief(this.step.text)}`, {
      metadata: this.#lifecycle(),
    });
    await this.#stream(upstreamMessage(this.step, inputs, agent.card), call);
  }

  /** Sends the user's reply to the upstream task that asked for input, and relays what follows. */
  async reply(reply: Message, call: UpstreamCall): Promise<void> {
    const { publisher } = call;
    const taskId = this.#task?.id;
    if (this.#state !== 'input-required' || taskId === undefined) return;
    this.#state = 'running';
    await publisher.status('working', `Passing your reply to ${this.step.agent}`, { metadata: this.#lifecycle() });
    await this.#stream(upstreamReply(reply, taskId, this.#task?.contextId), call);
  }

  /** Marks a step that will not run because a step it needs did not complete. */
  async skip(reason: string, publisher: EventPublisher): Promise<void> {
    this.#state = 'skipped';
    this.#reason = reason;
    await publisher.status('working', `Skipped ${this.step.id} (${this.step.agent}): ${reason}`, {
      metadata: this.#lifecycle(),
    });
  }

  /**
   * Cancels the upstream task (`tasks/cancel`) and stops reading its stream. A stream whose
   * first event has not named its task yet is canceled as soon as it does.
   */
  async cancel(): Promise<void> {
    if (this.#state !== 'running' && this.#state !== 'input-required') return;
    this.#canceled = true;
    this.#state = 'canceled';
    this.#reason = 'the orchestrator task was canceled';
    // No task id yet: nothing to cancel by id; the stream loop cancels the task once an event names it.
    if (this.#task === undefined) return;
    this.#controller.abort(new Error('canceled'));
    await this.#cancelUpstream();
  }

  /** Releases the client's own connection pool, if it made one. */
  async close(): Promise<void> {
    await this.#client?.close();
  }

  async #stream(message: Message, call: UpstreamCall): Promise<void> {
    const { publisher, headers } = call;
    this.#controller = new AbortController();
    const source = { agent: this.step.agent, step: this.step.id };
    try {
      const stream = this.#client!.streamMessage(
        { message },
        { signal: this.#controller.signal, ...(headers ? { headers } : {}) },
      );
      for await (const item of stream) {
        if (item.id !== undefined && item.id <= this.#lastSeq) continue;
        if (item.id !== undefined) this.#lastSeq = item.id;
        this.#fold(item.event);
        if (this.#canceled) return await this.#cancelUpstream();
        if (item.event.kind === 'artifact-update') {
          this.#artifactIds.add(relayedArtifactId(source, item.event.artifact.artifactId));
        }
        await relayEvent(publisher, source, item, { taskId: this.#task?.id, state: this.#task?.status.state });
      }
      if (this.#canceled) return;
      const settled = settledState(this.#task);
      if (settled.state === 'failed') return await this.#fail(settled.reason, publisher);
      this.#state = settled.state;
    } catch (error) {
      if (this.#canceled) return;
      this.#options.logger.warn({ err: error, step: this.step.id, agent: this.step.agent }, 'upstream call failed');
      await this.#fail(upstreamFailure(error), publisher);
    }
  }

  /** Folds an event into the upstream task as the step knows it; a message-only answer is its result. */
  #fold(event: StreamEvent): void {
    switch (event.kind) {
      case 'task':
        this.#task = { ...event, history: [], artifacts: (event.artifacts ?? []).map((each) => ({ ...each })) };
        return;
      case 'message':
        this.#task ??= {
          kind: 'task',
          id: event.taskId ?? '',
          contextId: event.contextId ?? '',
          status: { state: 'working' },
        };
        this.#task.status = { state: 'completed', message: event };
        this.#task.artifacts = [{ artifactId: 'message', parts: [...event.parts] }];
        return;
      case 'status-update':
      case 'artifact-update':
        this.#task ??= { kind: 'task', id: event.taskId, contextId: event.contextId, status: { state: 'submitted' } };
        if (event.kind === 'status-update') this.#task.status = event.status;
        else applyTaskEvent(this.#task, event);
    }
  }

  #artifacts(): Artifact[] {
    return this.#task?.artifacts ?? [];
  }

  #cancelUpstream(): Promise<void> {
    const taskId = this.#task?.id;
    this.#upstreamCancel ??= (async () => {
      if (!taskId || !this.#client) return;
      try {
        await this.#client.cancelTask(taskId, { signal: AbortSignal.timeout(5_000) });
      } catch (error) {
        // Already ended, or the agent is gone: nothing is left running there either way.
        this.#options.logger.info({ err: error, upstreamTaskId: taskId }, 'upstream task not canceled');
      }
    })();
    return this.#upstreamCancel;
  }

  async #fail(reason: string, publisher: EventPublisher): Promise<void> {
    this.#state = 'failed';
    this.#reason = reason;
    await publisher.status('working', `${this.step.agent} failed: ${reason}`, { metadata: this.#lifecycle() });
  }

  #lifecycle(): Record<string, unknown> {
    return { agent: this.step.agent, step: this.step.id, stepState: this.state };
  }
}

/** A step's text as a status line: its first 200 characters (the whole text goes to the agent). */
function brief(text: string): string {
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}
