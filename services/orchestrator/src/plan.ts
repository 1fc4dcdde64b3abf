import type { AgentCard } from '@a2a-mesh/protocol';

/** A specialist the orchestrator knows, as its directory last saw it. */
export interface KnownAgent {
  /** A short stable key (the card name in kebab case, unique in the directory), used in provenance. */
  readonly key: string;
  /** The URL the agent was configured with (its base URL or card URL). */
  readonly url: string;
  /** The last valid card read; undefined until the first successful read. */
  readonly card: AgentCard | undefined;
  /** False while the agent does not answer (or answers with an invalid card). */
  readonly healthy: boolean;
  /** Why it is unhealthy, for people. */
  readonly problem?: string;
  /** When the card was last read successfully (ms since epoch). */
  readonly checkedAt?: number;
}

/** One call to one specialist. */
export interface PlanStep {
  /** Unique in the plan: `s1`, `s2`, … */
  readonly id: string;
  /** `KnownAgent.key` of the specialist to call. */
  readonly agent: string;
  /** The skill of its card that the step uses. */
  readonly skillId: string;
  /** The text sent to the specialist. */
  readonly text: string;
  /**
   * Steps whose output this step consumes: their final artifacts' text is given to this step
   * (appended to `text`, and as a data part `{ artifacts: [...] }`). Empty or absent: the step can
   * start at once, in parallel with the others.
   */
  readonly dependsOn?: readonly string[];
  /** Why the planner chose this agent, for logs and the UI. */
  readonly reason?: string;
}

/** What to do with a request: steps to run, or why nothing can serve it. */
export interface Plan {
  readonly steps: readonly PlanStep[];
  /** Set when no specialist can serve the request: a sentence for the user. */
  readonly unserved?: string;
  /** Which planner made it: `deterministic` or `llm`. */
  readonly planner: 'deterministic' | 'llm';
}

/** What the planner may know of the conversation: earlier results in the same context. */
export interface ConversationTurn {
  readonly request: string;
  /** The final answer's text. */
  readonly answer: string;
}

/** Decides which specialists serve a request. */
export interface Planner {
  plan(request: string, agents: readonly KnownAgent[], history: readonly ConversationTurn[]): Promise<Plan>;
}
