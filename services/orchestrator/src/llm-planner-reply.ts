import { z } from 'zod';
import { formatIssues } from '@a2a-mesh/protocol';
import type { KnownAgent, Plan, PlanStep } from './plan.ts';

/** Why a model's answer is not a plan the orchestrator can run. */
export class LlmPlanError extends Error {
  override readonly name = 'LlmPlanError';
}

/** The most steps a model's plan may have; more is a model that lost its way. */
const mostSteps = 8;

/** A plan as the model writes it: ids may be left out, they are numbered then. */
export const LlmPlanSchema = z.object({
  steps: z
    .array(
      z.object({
        id: z.string().trim().min(1).optional(),
        agent: z.string().trim().min(1),
        skillId: z.string().trim().min(1),
        text: z.string().trim().min(1),
        dependsOn: z.array(z.string()).optional(),
        reason: z.string().optional(),
      }),
    )
    .max(mostSteps),
  unserved: z.string().trim().min(1).optional(),
});

/**
 * The plan in a model's answer, checked against the healthy agents: JSON (a ```json fence or text
 * around the object is tolerated), the shape of {@link LlmPlanSchema}, agents that exist and are
 * healthy, skills their cards have, unique ids, and `dependsOn` naming earlier steps only (so a
 * plan has no cycle). Throws an {@link LlmPlanError} saying what is wrong.
 */
export function readLlmPlan(answer: string, agents: readonly KnownAgent[]): Plan {
  const json = parseJsonObject(answer);
  const parsed = LlmPlanSchema.safeParse(json);
  if (!parsed.success)
    throw new LlmPlanError(`the plan does not have the expected shape: ${formatIssues(parsed.error)}`);
  const { steps: written, unserved } = parsed.data;
  if (written.length === 0 && unserved === undefined)
    throw new LlmPlanError('the plan has no steps and no "unserved" sentence');

  const steps: PlanStep[] = [];
  for (const [index, step] of written.entries()) {
    const id = step.id ?? `s${index + 1}`;
    const agent = agents.find((candidate) => candidate.key === step.agent);
    if (!agent?.card) throw new LlmPlanError(`steps[${index}] names an unknown agent "${step.agent}"`);
    if (!agent.healthy) throw new LlmPlanError(`steps[${index}] names agent "${step.agent}", which is down`);
    if (!agent.card.skills.some((skill) => skill.id === step.skillId)) {
      throw new LlmPlanError(
        `steps[${index}] names skill "${step.skillId}", which agent "${step.agent}" does not have`,
      );
    }
    if (steps.some((earlier) => earlier.id === id)) throw new LlmPlanError(`steps[${index}] repeats the id "${id}"`);
    const dependsOn = [...new Set(step.dependsOn ?? [])];
    const unknown = dependsOn.find((dependency) => !steps.some((earlier) => earlier.id === dependency));
    if (unknown !== undefined)
      throw new LlmPlanError(`steps[${index}] depends on "${unknown}", which is not an earlier step`);
    steps.push({
      id,
      agent: agent.key,
      skillId: step.skillId,
      text: step.text,
      ...(dependsOn.length > 0 ? { dependsOn } : {}),
      reason: step.reason?.trim() || 'chosen by the LLM planner',
    });
  }
  return { steps, ...(unserved === undefined ? {} : { unserved }), planner: 'llm' };
}

function parseJsonObject(answer: string): unknown {
  const start = answer.indexOf('{');
  const end = answer.lastIndexOf('}');
  if (start === -1 || end < start) throw new LlmPlanError('the answer has no JSON object');
  try {
    return JSON.parse(answer.slice(start, end + 1));
  } catch (error) {
    throw new LlmPlanError(`the answer is not valid JSON: ${(error as Error).message}`);
  }
}
