export { AgentDirectory } from './agent-directory.ts';
export type { AgentDirectoryOptions, CardReader, DirectoryChange, DirectoryListener } from './agent-directory.ts';
export { agentKey, provisionalAgentKey } from './agent-directory-key.ts';
export { describeCardProblem } from './agent-directory-problem.ts';
export { ConversationStore } from './conversation-store.ts';
export type { ConversationStoreOptions } from './conversation-store.ts';
export { createOrchestratorExecutor, forgottenTask } from './orchestrator-executor.ts';
export type { OrchestratorExecutorOptions } from './orchestrator-executor.ts';
export { OrchestratorState, createOrchestratorGraph } from './orchestrator-executor-graph.ts';
export type {
  OrchestratorDirectory,
  OrchestratorGraphOptions,
  OrchestratorRun,
  OrchestratorSession,
} from './orchestrator-executor-graph.ts';
export { DeterministicPlanner, planDeterministically } from './deterministic-planner.ts';
export {
  DirectoryConfigError,
  DirectoryConfigFileSchema,
  defaultRefreshIntervalMs,
  defaultSpecialists,
  readDirectoryConfig,
} from './directory-config.ts';
export type { DirectoryConfig } from './directory-config.ts';
export { LlmPlanner } from './llm-planner.ts';
export type { LlmPlannerOptions } from './llm-planner.ts';
export { llmPlannerPrompt } from './llm-planner-prompt.ts';
export { LlmPlanError, LlmPlanSchema, readLlmPlan } from './llm-planner-reply.ts';
export { createOrchestratorCard, routeSkillId } from './orchestrator-card.ts';
export type { ConversationTurn, KnownAgent, Plan, PlanStep, Planner } from './plan.ts';
export { PlanRunner } from './plan-runner.ts';
export type { AgentLookup, PlanPause, PlanRunnerOptions } from './plan-runner.ts';
export { nothingToDo, planRunnerAnswer } from './plan-runner-answer.ts';
export type { PlanRunnerAnswer } from './plan-runner-answer.ts';
export { relayEvent, relayedArtifactId } from './relay-event.ts';
export type { Provenance, RelaySource, UpstreamPosition } from './relay-event.ts';
export { minimumScore } from './route-score.ts';
export { selectPlanner } from './select-planner.ts';
export { upstreamFailure } from './upstream-failure.ts';
export { artifactText, upstreamMessage, upstreamReply } from './upstream-message.ts';
export type { UpstreamInput } from './upstream-message.ts';
export { settledState } from './upstream-outcome.ts';
export type { UpstreamOutcome, UpstreamState } from './upstream-outcome.ts';
export { upstreamQuestion } from './upstream-question.ts';
export { UpstreamStep } from './upstream-step.ts';
export type { UpstreamCall, UpstreamStepOptions } from './upstream-step.ts';
