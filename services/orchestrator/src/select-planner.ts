import { createChatModel } from '@a2a-mesh/llm';
import type { Logger } from '@a2a-mesh/server';
import { DeterministicPlanner } from './deterministic-planner.ts';
import { LlmPlanner } from './llm-planner.ts';
import type { Planner } from './plan.ts';

/**
 * The planner the environment asks for: with `LLM_BASE_URL` and `LLM_MODEL` set, an
 * {@link LlmPlanner} that falls back to the {@link DeterministicPlanner}; without them, the
 * deterministic planner alone. A malformed `LLM_*` variable throws the `LlmConfigError` that
 * names it.
 */
export function selectPlanner(env: Record<string, string | undefined>, logger: Logger): Planner {
  const deterministic = new DeterministicPlanner();
  const llm = createChatModel(env, logger);
  if (!llm) {
    logger.info({ planner: 'deterministic' }, 'planning from the agent cards (no LLM_* set)');
    return deterministic;
  }
  logger.info(
    { planner: 'llm', model: llm.modelName },
    `planning with ${llm.modelName}, deterministically when it fails`,
  );
  return new LlmPlanner({ llm, fallback: deterministic, logger });
}
