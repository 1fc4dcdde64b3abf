import type { RequestHandler } from 'express';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * What the gateway counts, in Prometheus terms, on a registry of its own (the same style as the
 * agents' `ServerMetrics`, so one dashboard reads both). Rates come from the counters:
 * `rate(gateway_events_relayed_total[1m])` is events per second to browsers.
 */
export class GatewayMetrics {
  readonly registry: Registry;
  readonly #openStreams: Gauge;
  readonly #eventsRelayed: Counter;
  readonly #resumes: Counter;
  readonly #replayedEvents: Counter;
  readonly #upstreamReconnects: Counter;
  readonly #requests: Counter;

  /** `prefix` names every metric (default `gateway_`). */
  constructor(options: { prefix?: string; registry?: Registry; processMetrics?: boolean } = {}) {
    const prefix = options.prefix ?? 'gateway_';
    const registry = (this.registry = options.registry ?? new Registry());
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry, prefix });
    const registers = [registry];
    this.#openStreams = new Gauge({ name: `${prefix}open_streams`, help: 'Browser SSE streams open now', registers });
    this.#eventsRelayed = new Counter({
      name: `${prefix}events_relayed_total`,
      help: 'Task events written to browser streams, by kind',
      labelNames: ['kind'],
      registers,
    });
    this.#resumes = new Counter({
      name: `${prefix}resumes_total`,
      help: 'Browser streams opened with a cursor (Last-Event-ID or ?after=)',
      registers,
    });
    this.#replayedEvents = new Counter({
      name: `${prefix}replayed_events_total`,
      help: 'Events a resumed browser stream replayed from its cursor',
      registers,
    });
    this.#upstreamReconnects = new Counter({
      name: `${prefix}upstream_reconnects_total`,
      help: 'Reconnections of dropped orchestrator streams',
      registers,
    });
    this.#requests = new Counter({
      name: `${prefix}http_requests_total`,
      help: 'HTTP requests answered, by route and status',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
  }

  streamOpened(): void {
    this.#openStreams.inc();
  }

  streamClosed(): void {
    this.#openStreams.dec();
  }

  eventRelayed(kind: string): void {
    this.#eventsRelayed.inc({ kind });
  }

  /** A browser stream resumed from a cursor, replaying `replayed` events it had missed. */
  resumed(replayed: number): void {
    this.#resumes.inc();
    this.#replayedEvents.inc(replayed);
  }

  upstreamReconnected(): void {
    this.#upstreamReconnects.inc();
  }

  /**
   * Counts every answered request by its route pattern (`/api/tasks/:taskId`, never the id, so
   * the label set stays small), `static` for UI files and `unmatched` for 404s.
   */
  requestCounter(): RequestHandler {
    return (request, response, next) => {
      response.once('close', () => {
        const pattern = (request.route as { path?: unknown } | undefined)?.path;
        const route =
          typeof pattern === 'string'
            ? `${request.baseUrl}${pattern}`
            : response.statusCode === 404
              ? 'unmatched'
              : response.statusCode < 400
                ? 'static'
                : 'other';
        this.#requests.inc({ method: request.method, route, status: String(response.statusCode) });
      });
      next();
    };
  }

  /** The text exposition format, for `GET /metrics`. */
  render(): Promise<string> {
    return this.registry.metrics();
  }
}
