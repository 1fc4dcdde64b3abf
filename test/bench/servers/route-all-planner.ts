import type { KnownAgent, Plan, Planner } from '@a2a-mesh/orchestrator';

/**
 * Routes every request, unchanged, to the first healthy specialist (the benchmark agent): one
 * step, so the orchestrator's cost is the relay itself, not planning.
 */
export class RouteAllPlanner implements Planner {
  async plan(request: string, agents: readonly KnownAgent[]): Promise<Plan> {
    const agent = agents.find((known) => known.healthy && known.card);
    const skill = agent?.card?.skills[0];
    if (!agent || !skill) return { steps: [], unserved: 'the benchmark agent is not up', planner: 'deterministic' };
    return { steps: [{ id: 's1', agent: agent.key, skillId: skill.id, text: request }], planner: 'deterministic' };
  }
}
