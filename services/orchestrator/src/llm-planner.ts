import { describeLlmError } from '@a2a-mesh/llm';
import type { ChatModelHandle } from '@a2a-mesh/llm';
import { silentLogger } from '@a2a-mesh/server';
import type { Logger } from '@a2a-mesh/server';
import { llmPlannerPrompt } from './llm-planner-prompt.ts';
import { LlmPlanError, readLlmPlan } from './llm-planner-reply.ts';
import type { ConversationTurn, KnownAgent, Plan, Planner } from './plan.ts';

/** Options of {@link LlmPlanner}. */
export interface LlmPlannerOptions {
  /** The configured model (`createChatModel`). */
  readonly llm: Pick<ChatModelHandle, 'model' | 'url' | 'modelName'>;
  /** What plans when the model cannot: the deterministic planner. */
  readonly fallback: Planner;
  readonly logger?: Logger;
  /** How long the model may take to plan before the fallback plans instead; default 10 s. */
  readonly timeoutMs?: number;
}

const defaultTimeoutMs = 10_000;

/**
 * Plans with an LLM: the model is given the healthy agents' skills and the request, and answers
 * with a JSON plan, which is checked against those agents (see `readLlmPlan`). When the model
 * fails, is too slow, or answers with something that is not a runnable plan — bad JSON, an agent
 * or skill that does not exist or is down — the fallback plans instead and the reason is logged
 * as a warning. Nothing is asked of the model when no agent is healthy or the request is empty.
 */
export class LlmPlanner implements Planner {
  readonly #llm: LlmPlannerOptions['llm'];
  readonly #fallback: Planner;
  readonly #logger: Logger;
  readonly #timeoutMs: number;

  constructor(options: LlmPlannerOptions) {
    this.#llm = options.llm;
    this.#fallback = options.fallback;
    this.#logger = options.logger ?? silentLogger;
    this.#timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  }

  async plan(request: string, agents: readonly KnownAgent[], history: readonly ConversationTurn[]): Promise<Plan> {
    if (request.trim() === '' || !agents.some((agent) => agent.healthy && agent.card)) {
      return this.#fallback.plan(request, agents, history);
    }
    const signal = AbortSignal.timeout(this.#timeoutMs);
    try {
      const answer = await this.#llm.model.invoke(llmPlannerPrompt(request, agents, history), { signal });
      const plan = readLlmPlan(answer.text, agents);
      this.#logger.debug({ model: this.#llm.modelName, steps: plan.steps.length }, 'LLM planned the request');
      return plan;
    } catch (error) {
      const reason = signal.aborted
        ? `timed out after ${this.#timeoutMs} ms`
        : error instanceof LlmPlanError
          ? error.message
          : describeLlmError(error);
      this.#logger.warn(
        { url: this.#llm.url, model: this.#llm.modelName, reason },
        `LLM planner failed (${reason}); planning deterministically`,
      );
      return this.#fallback.plan(request, agents, history);
    }
  }
}
