import { createGraphExecutor } from '@a2a-mesh/langgraph';
import type { BeforeNode } from '@a2a-mesh/langgraph';
import { textOf } from '@a2a-mesh/server';
import type { AgentExecutor, Logger } from '@a2a-mesh/server';
import { calculationArtifacts } from './calculation.ts';
import { CalculationError } from './calculation-error.ts';
import { createCalculatorGraph } from './calculator-graph.ts';

/** Options of {@link createCalculatorExecutor}. */
export interface CalculatorOptions {
  logger?: Logger;
  /**
   * Awaited before each node of the calculator graph starts (`parse`, `evaluate`); a seam for
   * tests, which hold a node with it to cancel the task mid-run. Default: none.
   */
  beforeNode?: BeforeNode;
}

/**
 * The calculator as an A2A agent executor: the calculator graph run by `@a2a-mesh/langgraph`.
 * A task streams `working` updates (the parsed expression, then each sub-result), then the
 * `result` artifact (text and data), then `completed`. A request it cannot read leaves the
 * task `input-required` with the problem and a caret under it; the corrected expression sent
 * on the same task continues it. A calculation without an answer (division by zero, units
 * that do not convert) fails the task with the reason.
 */
export function createCalculatorExecutor(options: CalculatorOptions = {}): AgentExecutor {
  return createGraphExecutor({
    graph: createCalculatorGraph(),
    toInput: (context) => ({ request: textOf(context.message) }),
    resultToArtifacts: calculationArtifacts,
    describeError: (error) => (error instanceof CalculationError ? error.message : undefined),
    streamMessages: false,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.beforeNode ? { beforeNode: options.beforeNode } : {}),
  });
}
