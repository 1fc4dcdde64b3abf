import { createGraphExecutor } from '@a2a-mesh/langgraph';
import type { BeforeNode } from '@a2a-mesh/langgraph';
import type { AgentExecutor } from '@a2a-mesh/server';
import { createWriterGraph } from './writer-graph.ts';
import type { WriterGraphOptions } from './writer-graph.ts';
import { readWriterRequest } from './writer-request.ts';

/** Options of {@link createWriterExecutor}: those of its graph, and a test seam. */
export interface WriterExecutorOptions extends WriterGraphOptions {
  /**
   * Awaited before each node of the writer graph starts (`read`, `llm`, `score`, …); a seam for
   * tests, which hold a node with it to cancel the task mid-run. Default: none.
   */
  beforeNode?: BeforeNode;
}

/**
 * The writer agent's executor: {@link createWriterGraph} run per task by `@a2a-mesh/langgraph`.
 * A new task's message becomes the graph's `request`; the reply to an `input-required` question
 * resumes the graph with the same reading of the reply (its text, its data parts, and its own
 * instruction if it gives one). The answer is only ever streamed, so no final artifact is added.
 */
export function createWriterExecutor(options: WriterExecutorOptions = {}): AgentExecutor {
  return createGraphExecutor({
    graph: createWriterGraph(options),
    toInput: (context) => ({ request: readWriterRequest(context.message) }),
    toResume: (context) => readWriterRequest(context.message),
    resultToArtifacts: () => [],
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.beforeNode ? { beforeNode: options.beforeNode } : {}),
  });
}
