import type { EventPublisher } from '@a2a-mesh/server';
import type { GraphUpdate } from './graph-update.ts';

/** A publisher that also publishes {@link GraphUpdate}s. */
export interface GuardedPublisher {
  status: EventPublisher['status'];
  update(update: GraphUpdate): Promise<void>;
}

/**
 * The publisher, silenced once `signal` aborts. On `tasks/cancel` the server logs `canceled`
 * itself and aborts the run; the graph may still be mid-step, and nothing it yields after that
 * may reach the task (the server would ignore it, but only after logging a warning per event).
 */
export function guardedPublisher(publisher: EventPublisher, signal: AbortSignal): GuardedPublisher {
  return {
    status: (...args) => (signal.aborted ? Promise.resolve() : publisher.status(...args)),
    update(update) {
      if (signal.aborted) return Promise.resolve();
      const { kind } = update;
      switch (kind) {
        case 'status':
          return publisher.status('working', update.parts, update.metadata ? { metadata: update.metadata } : {});
        case 'artifact':
          return publisher.artifact(update.artifact, {
            append: update.append,
            lastChunk: update.lastChunk,
            ...(update.metadata ? { metadata: update.metadata } : {}),
          });
        default:
          return kind satisfies never;
      }
    },
  };
}
