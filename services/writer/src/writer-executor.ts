import { createGraphExecutor } from '@a2a-mesh/langgraph';
import type { AgentExecutor } from '@a2a-mesh/server';
import { createWriterGraph } from './writer-graph.ts';
import type { WriterGraphOptions } from './writer-graph.ts';
import { readWriterRequest } from './writer-request.ts';

/**
 * The writer agent's executor: {@link createWriterGraph} run per task by `@a2a-mesh/langgraph`.
 * A new task's message becomes the graph's `request`; the reply to an `input-required` question
 * resumes the graph with the same reading of the reply (its text, its data parts, and its own
 * instruction if it gives one). The answer is only ever streamed, so no final artifact is added.
 */
export function createWriterExecutor(options: WriterGraphOptions = {}): AgentExecutor {
  return createGraphExecutor({
    graph: createWriterGraph(options),
    toInput: (context) => ({ request: readWriterRequest(context.message) }),
    toResume: (context) => readWriterRequest(context.message),
    resultToArtifacts: () => [],
    ...(options.logger ? { logger: options.logger } : {}),
  });
}
