import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { TaskUpdateEvent } from '@a2a-mesh/protocol';
import { isTerminalState } from '@a2a-mesh/protocol';

/**
 * What an agent server counts, in Prometheus terms. One instance per server, on its own
 * registry, so that several servers in one process (tests, the mesh launcher) never collide.
 */
export class ServerMetrics {
  readonly registry: Registry;
  readonly #agent: string;
  readonly #openStreams: Gauge;
  readonly #eventsSent: Counter;
  readonly #loggedByKind = new Map<string, number>();
  readonly #resumes: Counter;
  readonly #replayedEvents: Counter;
  readonly #slowSubscribers: Counter;
  readonly #tasksEnded: Counter;
  readonly #taskDuration: Histogram;
  readonly #stepDuration: Histogram;

  /** `agent` labels the task and step metrics (the card's name); `prefix` names them all. */
  constructor(agent: string, options: { prefix?: string; registry?: Registry; processMetrics?: boolean } = {}) {
    this.#agent = agent;
    const prefix = options.prefix ?? 'a2a_';
    const registry = (this.registry = options.registry ?? new Registry());
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
    const registers = [registry];
    this.#openStreams = new Gauge({ name: `${prefix}open_streams`, help: 'SSE streams open now', registers });
    const loggedByKind = this.#loggedByKind;
    // Registered, never incremented directly: see collect().
    new Counter({
      name: `${prefix}events_logged_total`,
      help: 'Events appended to task logs, by kind',
      labelNames: ['kind'],
      registers,
      // Counted as plain numbers on the hot path (prom-client hashes the labels of every inc),
      // handed over when scraped.
      collect() {
        for (const [kind, count] of loggedByKind) this.inc({ kind }, count);
        loggedByKind.clear();
      },
    });
    this.#eventsSent = new Counter({
      name: `${prefix}events_sent_total`,
      help: 'Events written to SSE subscribers (fan-out counts each subscriber)',
      registers,
    });
    this.#resumes = new Counter({ name: `${prefix}resumes_total`, help: 'Resubscriptions with a cursor', registers });
    this.#replayedEvents = new Counter({
      name: `${prefix}replayed_events_total`,
      help: 'Logged events a resubscription replayed from its cursor',
      registers,
    });
    this.#slowSubscribers = new Counter({
      name: `${prefix}slow_subscribers_disconnected_total`,
      help: 'Subscribers disconnected for lagging behind their task',
      registers,
    });
    this.#tasksEnded = new Counter({
      name: `${prefix}tasks_ended_total`,
      help: 'Tasks that reached a terminal state, by state',
      labelNames: ['agent', 'state'],
      registers,
    });
    this.#taskDuration = new Histogram({
      name: `${prefix}task_duration_seconds`,
      help: 'From a task run starting to its terminal state',
      labelNames: ['agent', 'state'],
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10, 30, 60, 300],
      registers,
    });
    this.#stepDuration = new Histogram({
      name: `${prefix}step_duration_seconds`,
      help: 'Duration of agent steps that report `{ node, phase: "end", durationMs }` in status metadata',
      labelNames: ['agent', 'step'],
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30],
      registers,
    });
  }

  streamOpened(): void {
    this.#openStreams.inc();
  }

  streamClosed(): void {
    this.#openStreams.dec();
  }

  eventsSent(count: number): void {
    this.#eventsSent.inc(count);
  }

  resumed(replayed: number): void {
    this.#resumes.inc();
    this.#replayedEvents.inc(replayed);
  }

  slowSubscriberDisconnected(): void {
    this.#slowSubscribers.inc();
  }

  /** Counts a logged event; `startedAt` (ms) times the run when the event ends the task. */
  eventLogged(event: TaskUpdateEvent, startedAt: number): void {
    this.#loggedByKind.set(event.kind, (this.#loggedByKind.get(event.kind) ?? 0) + 1);
    if (event.kind !== 'status-update') return;
    const state = event.status.state;
    if (isTerminalState(state)) {
      this.#tasksEnded.inc({ agent: this.#agent, state });
      this.#taskDuration.observe({ agent: this.#agent, state }, (Date.now() - startedAt) / 1000);
    }
    const { node, phase, durationMs } = event.metadata ?? {};
    if (phase === 'end' && typeof node === 'string' && typeof durationMs === 'number') {
      this.#stepDuration.observe({ agent: this.#agent, step: node }, durationMs / 1000);
    }
  }

  /** The text exposition format, for `GET /metrics`. */
  render(): Promise<string> {
    return this.registry.metrics();
  }
}
