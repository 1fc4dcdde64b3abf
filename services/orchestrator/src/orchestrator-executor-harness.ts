import { A2AClient } from '@a2a-mesh/client';
import type { A2AClientOptions, StreamItem } from '@a2a-mesh/client';
import { isTerminalState } from '@a2a-mesh/protocol';
import type { Artifact, Message, MessageSendParams, StreamEvent, TaskStatusUpdateEvent } from '@a2a-mesh/protocol';
import { createAgentServer, silentLogger, textOf } from '@a2a-mesh/server';
import type { AgentExecutor, AgentServer, AgentServerOptions } from '@a2a-mesh/server';
import type { ConversationStore } from './conversation-store.ts';
import { createOrchestratorExecutor } from './orchestrator-executor.ts';
import type { OrchestratorDirectory } from './orchestrator-executor-graph.ts';
import type { ConversationTurn, KnownAgent, Plan, PlanStep, Planner } from './plan.ts';

/**
 * Test support for the orchestrator's own tests: real specialist servers on loopback (built with
 * `createAgentServer` around a test executor), a directory of them, a planner that returns the
 * plan a test gives it, and the orchestrator itself as a real server. Tests of the real
 * specialists live under `test/e2e/`, since a service never imports another.
 */
export class OrchestratorHarness {
  readonly #servers: AgentServer[] = [];
  readonly #agents = new Map<string, KnownAgent>();

  /** Starts a specialist under `key`, with a card that takes text (and JSON when `json`). */
  async specialist(key: string, executor: AgentExecutor, options: { json?: boolean } = {}): Promise<KnownAgent> {
    const modes = options.json ? ['text/plain', 'application/json'] : ['text/plain'];
    const server = this.#track(
      createAgentServer({
        card: {
          name: key,
          description: `The ${key} test specialist.`,
          version: '1.0.0',
          capabilities: { streaming: true },
          defaultInputModes: modes,
          defaultOutputModes: ['text/plain'],
          skills: [{ id: key, name: key, description: `Does ${key}.`, tags: [key], examples: [`${key} this`] }],
        },
        executor,
        shutdownDeadlineMs: 50,
      }),
    );
    const url = await server.listen();
    const agent: KnownAgent = { key, url, card: server.card(), healthy: true };
    this.#agents.set(key, agent);
    return agent;
  }

  /** Registers an agent as the directory should see it (unhealthy, say, or behind a proxy). */
  register(agent: KnownAgent): void {
    this.#agents.set(agent.key, agent);
  }

  /** The specialists started so far, as the orchestrator's directory. */
  directory(): OrchestratorDirectory {
    return { agents: () => [...this.#agents.values()], get: (key) => this.#agents.get(key) };
  }

  /** Starts the orchestrator with `planner`; returns a client of it. */
  async orchestrator(
    planner: Planner,
    options: {
      clientOptions?: Omit<A2AClientOptions, 'card'>;
      maxWaitingTasks?: number;
      conversations?: ConversationStore;
    } = {},
  ): Promise<A2AClient> {
    const executor = createOrchestratorExecutor({
      directory: this.directory(),
      planner,
      logger: silentLogger,
      ...options,
    });
    const server = this.#track(createAgentServer({ card: orchestratorTestCard, executor, shutdownDeadlineMs: 50 }));
    return new A2AClient(`${await server.listen()}/a2a`);
  }

  /** A client of the specialist registered under `key`. */
  client(key: string): A2AClient {
    const card = this.#agents.get(key)?.card;
    if (!card) throw new Error(`no specialist ${key}`);
    return new A2AClient(card.url, { card });
  }

  async close(): Promise<void> {
    await Promise.all(this.#servers.splice(0).map((server) => server.close()));
    this.#agents.clear();
  }

  #track(server: AgentServer): AgentServer {
    this.#servers.push(server);
    return server;
  }
}

const orchestratorTestCard: AgentServerOptions['card'] = {
  name: 'Orchestrator under test',
  description: 'Plans with a test planner and relays its specialists.',
  version: '1.0.0',
  capabilities: { streaming: true },
  defaultInputModes: ['text/plain'],
  defaultOutputModes: ['text/plain', 'application/json'],
  skills: [{ id: 'orchestrate', name: 'Orchestrate', description: 'Runs plans.', tags: ['orchestrate'] }],
};

/** A planner that answers every request with `plan` (a function of the request, or fixed), recording each call. */
export function testPlanner(plan: Plan | ((request: string) => Plan)): Planner & {
  calls: { request: string; history: readonly ConversationTurn[] }[];
} {
  const calls: { request: string; history: readonly ConversationTurn[] }[] = [];
  return {
    calls,
    async plan(request, _agents, history) {
      calls.push({ request, history });
      return typeof plan === 'function' ? plan(request) : plan;
    },
  };
}

/** A deterministic plan of these steps. */
export function planOf(...steps: PlanStep[]): Plan {
  return { steps, planner: 'deterministic' };
}

/** A user message with `text`, continuing `taskId` when given. */
export function userText(text: string, extra: Partial<Message> = {}): MessageSendParams {
  return {
    message: {
      kind: 'message',
      messageId: crypto.randomUUID(),
      role: 'user',
      parts: [{ kind: 'text', text }],
      ...extra,
    },
  };
}

/** Reads a whole stream. */
export async function collect(stream: AsyncIterable<StreamItem>): Promise<StreamItem[]> {
  const items: StreamItem[] = [];
  for await (const item of stream) items.push(item);
  return items;
}

/** The task id an event belongs to. */
export function taskIdOf(event: StreamEvent): string {
  return event.kind === 'task' ? event.id : (event.taskId ?? '');
}

/** A gate a test specialist waits at until the test opens it; `reached` settles when it gets there. */
export class Gate {
  #open!: () => void;
  #reached!: () => void;
  readonly #opened = new Promise<void>((resolve) => (this.#open = resolve));
  readonly reached = new Promise<void>((resolve) => (this.#reached = resolve));

  open(): void {
    this.#open();
  }

  /** Waits for the gate to open, or rejects when `signal` aborts (a canceled task). */
  pass(signal: AbortSignal): Promise<void> {
    this.#reached();
    return new Promise<void>((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason as Error);
      signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
      void this.#opened.then(resolve);
    });
  }
}

/**
 * A task's whole log, read with `tasks/resubscribe` from cursor 0. A replay stops at each final
 * event (an `input-required` one too), so a task that asked a question is read in segments,
 * each from the last id of the one before, until the task's end.
 */
export async function wholeLog(client: A2AClient, taskId: string): Promise<StreamItem[]> {
  const items: StreamItem[] = [];
  for (;;) {
    const segment = await collect(client.resubscribe(taskId, { lastEventId: items.at(-1)?.id ?? 0 }));
    items.push(...segment);
    const last = segment.at(-1)?.event;
    if (!last || last.kind !== 'status-update' || isTerminalState(last.status.state)) return items;
  }
}

/** One event as the relay must reproduce it: what an upstream log and the relayed copy are compared on. */
export interface RelayView {
  seq: number | undefined;
  kind: string;
  state?: string | undefined;
  parts?: unknown;
  artifactId?: string;
  append?: boolean | undefined;
  lastChunk?: boolean | undefined;
}

/** An upstream task's log (`resubscribe(taskId, { lastEventId: 0 })`) as the relay of step `step` must show it. */
export function upstreamView(items: readonly StreamItem[], step: string, agent: string): RelayView[] {
  return items.map(({ id, event }) => {
    switch (event.kind) {
      case 'task':
      case 'status-update':
        return plain({ seq: id, kind: event.kind, state: event.status.state, parts: event.status.message?.parts });
      case 'message':
        return plain({ seq: id, kind: event.kind, parts: event.parts });
      case 'artifact-update':
        return plain({
          seq: id,
          kind: event.kind,
          artifactId: `${step}/${agent}/${event.artifact.artifactId}`,
          parts: event.artifact.parts,
          append: event.append,
          lastChunk: event.lastChunk,
        });
    }
  });
}

/** The events of the orchestrator's stream relayed from `agent`, in stream order. */
export function relayedView(items: readonly StreamItem[], agent: string): RelayView[] {
  return items.flatMap(({ event }) => {
    if (event.kind !== 'status-update' && event.kind !== 'artifact-update') return [];
    const metadata = event.metadata ?? {};
    if (metadata['agent'] !== agent || metadata['upstreamKind'] === undefined) return [];
    const seq = metadata['upstreamSeq'] as number | undefined;
    const kind = String(metadata['upstreamKind']);
    if (event.kind === 'status-update') {
      const state = kind === 'message' ? undefined : String(metadata['upstreamState']);
      return [plain({ seq, kind, state, parts: event.status.message?.parts })];
    }
    const { artifact, append, lastChunk } = event;
    return [plain({ seq, kind, artifactId: artifact.artifactId, parts: artifact.parts, append, lastChunk })];
  });
}

/** Without the keys whose value is undefined, so that views compare equal however they were built. */
function plain(view: RelayView): RelayView {
  return JSON.parse(JSON.stringify(view)) as RelayView;
}

/** The last status update of a stream: its final one, once the stream has ended. */
export function finalStatus(items: readonly StreamItem[]): TaskStatusUpdateEvent {
  const last = items.flatMap(({ event }) => (event.kind === 'status-update' ? [event] : [])).at(-1);
  if (!last) throw new Error('the stream has no status update');
  return last;
}

/** The orchestrator's `answer` artifact in a stream, if it has one. */
export function answerArtifact(items: readonly StreamItem[]): Artifact | undefined {
  return items.flatMap(({ event }) =>
    event.kind === 'artifact-update' && event.artifact.artifactId === 'answer' ? [event.artifact] : [],
  )[0];
}

/** The text of the orchestrator's `answer` artifact in a stream. */
export function answerText(items: readonly StreamItem[]): string {
  return textOf({ parts: answerArtifact(items)?.parts ?? [] });
}

/** The upstream task the orchestrator's stream relayed `agent`'s events from. */
export function upstreamTaskIdOf(items: readonly StreamItem[], agent: string): string {
  for (const { event } of items) {
    const metadata = event.kind === 'status-update' ? event.metadata : undefined;
    if (metadata?.['agent'] === agent && typeof metadata['upstreamTaskId'] === 'string')
      return metadata['upstreamTaskId'];
  }
  throw new Error(`the stream relays nothing from ${agent}`);
}
