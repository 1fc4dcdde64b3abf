import { createGraphExecutor } from '@a2a-mesh/langgraph';
import type { BeforeNode } from '@a2a-mesh/langgraph';
import type { AgentExecutor, Logger } from '@a2a-mesh/server';
import { DocsFolderError } from './docs-folder-error.ts';
import { answerArtifact } from './knowledge-answer.ts';
import type { KnowledgeAnswer } from './knowledge-answer.ts';
import { createKnowledgeGraph } from './knowledge-graph.ts';
import type { KnowledgeGraphOptions } from './knowledge-graph.ts';
import { questionOf } from './question-of.ts';

/** Options of {@link createKnowledgeExecutor}. */
export interface KnowledgeExecutorOptions extends KnowledgeGraphOptions {
  logger?: Logger;
  /**
   * Awaited before each node of the knowledge graph starts (`understand`, `load`, `index`, …); a
   * seam for tests, which hold a stage with it to cancel the task mid-run. Default: none.
   */
  beforeNode?: BeforeNode;
}

/**
 * The knowledge agent's executor: the knowledge graph run by `@a2a-mesh/langgraph`. Each stage
 * streams as a `working` update, a vague question leaves the task `input-required` (the reply
 * continues it), and the answer is one artifact, `answer`, with a text part and a data part
 * ({@link KnowledgeAnswer}). A question with no hits still completes, saying nothing was found; a
 * missing docs folder fails the task with a message that names the folder.
 */
export function createKnowledgeExecutor(options: KnowledgeExecutorOptions): AgentExecutor {
  return createGraphExecutor({
    graph: createKnowledgeGraph(options),
    toInput: (context) => ({ question: questionOf(context.message) }),
    toResume: (context) => questionOf(context.message),
    resultToArtifacts: (state) => {
      const answer = state['answer'] as KnowledgeAnswer | undefined;
      return answer ? [answerArtifact(answer)] : [];
    },
    streamMessages: false,
    describeError: (error) => (error instanceof DocsFolderError ? error.message : undefined),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.beforeNode ? { beforeNode: options.beforeNode } : {}),
  });
}
