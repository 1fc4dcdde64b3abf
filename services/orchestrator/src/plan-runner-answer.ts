import type { Artifact } from '@a2a-mesh/protocol';
import type { Plan } from './plan.ts';
import type { UpstreamOutcome } from './upstream-outcome.ts';

/** The orchestrator's answer to a request, from how its plan went. */
export interface PlanRunnerAnswer {
  /** The `answer` artifact: the answer's text and a data part with each step's outcome. */
  readonly artifact: Artifact;
  readonly text: string;
  /** Set when a step failed: the message the task fails with, naming each agent that failed. */
  readonly failure?: string;
}

/** Said when the planner finds no step and gives no reason. */
export const nothingToDo = 'None of the agents I know can help with this request.';

/**
 * The answer of a plan run. Its text is the final text of the last steps (those no other step
 * depends on): one step's text as it is; several, each under a heading naming its agent. A last
 * step that did not complete says why in its place; what the plan could not serve
 * (`plan.unserved`) follows. The data part reports every step:
 * `{ planner, unserved?, outcomes: [{ step, agent, skillId, state, upstreamTaskId, reason,
 * artifactIds }] }`, so a UI can mark each lane done, failed or skipped.
 */
export function planRunnerAnswer(plan: Plan, outcomes: readonly UpstreamOutcome[]): PlanRunnerAnswer {
  const text =
    plan.steps.length === 0
      ? (plan.unserved ?? nothingToDo)
      : [composeText(plan, outcomes), plan.unserved].filter(Boolean).join('\n\n');
  const failed = outcomes.filter((outcome) => outcome.state === 'failed');
  const skipped = outcomes.filter((outcome) => outcome.state === 'skipped');
  const failure =
    failed.length === 0
      ? undefined
      : [...failed, ...skipped].map((outcome) => `${name(outcome)} ${describe(outcome)}`).join('\n');
  const data = {
    planner: plan.planner,
    ...(plan.unserved === undefined ? {} : { unserved: plan.unserved }),
    outcomes: outcomes.map(({ text: _text, ...outcome }) => outcome),
  };
  return {
    artifact: {
      artifactId: 'answer',
      name: 'answer',
      parts: [
        { kind: 'text', text },
        { kind: 'data', data },
      ],
    },
    text,
    ...(failure === undefined ? {} : { failure }),
  };
}

function composeText(plan: Plan, outcomes: readonly UpstreamOutcome[]): string {
  const needed = new Set(plan.steps.flatMap((step) => step.dependsOn ?? []));
  const last = outcomes.filter((outcome) => !needed.has(outcome.step));
  const only = last.length === 1 ? last[0] : undefined;
  if (only?.state === 'completed') return only.text || `${only.agent} completed without any text.`;
  const agents = last.map((outcome) => outcome.agent);
  return last
    .map((outcome) => {
      const repeated = agents.indexOf(outcome.agent) !== agents.lastIndexOf(outcome.agent);
      const heading = `## ${outcome.agent}${repeated ? ` (${outcome.step})` : ''}`;
      const body =
        outcome.state === 'completed' ? outcome.text || '(no text)' : `${outcome.agent} ${describe(outcome)}`;
      return `${heading}\n\n${body}`;
    })
    .join('\n\n');
}

function name(outcome: UpstreamOutcome): string {
  return `${outcome.agent} (step ${outcome.step})`;
}

function describe(outcome: UpstreamOutcome): string {
  switch (outcome.state) {
    case 'failed':
      return `failed: ${outcome.reason ?? 'no reason given'}`;
    case 'skipped':
      return `was skipped: ${outcome.reason ?? 'a step it needs did not complete'}`;
    case 'canceled':
      return 'was canceled.';
    default:
      return `did not finish (${outcome.state}).`;
  }
}
