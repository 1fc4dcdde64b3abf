import type { AgentExecutor } from '@a2a-mesh/server';
import { textOf } from '@a2a-mesh/server';
import { parseWorkload, stepText, timestampKey } from '../workload.ts';
import { produceEvents } from './produce-events.ts';

/**
 * The workload as an agent on our server: one `publisher.status('working', text, { metadata })`
 * per step (awaited, as an agent author writes it), then an artifact; returning completes the task.
 */
export function createBenchExecutor(): AgentExecutor {
  return {
    async execute(context, publisher, signal) {
      const workload = parseWorkload(textOf(context.message));
      await produceEvents(
        workload,
        (index, t) =>
          publisher.status('working', stepText(index, workload.events), { metadata: { [timestampKey]: t } }),
        () => publisher.status('working', 'waiting'),
        signal,
      );
      await publisher.artifact({ artifactId: 'result', parts: [{ kind: 'text', text: `${workload.events} steps` }] });
    },
  };
}
