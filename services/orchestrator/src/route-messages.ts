import type { KnownAgent } from './plan.ts';

/**
 * What the mesh can do now, for people: each healthy specialist with its skills, then the ones
 * that are down. `The mesh can help with: Calculator (arithmetic, percentages); Writer (summarize,
 * rewrite). Not available now: Knowledge agent (connection refused).`
 */
export function describeMesh(agents: readonly KnownAgent[]): string {
  const healthy = agents.filter((agent) => agent.healthy && agent.card);
  const down = agents.filter((agent) => !agent.healthy);
  const can =
    healthy.length === 0
      ? 'No specialist is available right now.'
      : `The mesh can help with: ${healthy.map(describeAgent).join('; ')}.`;
  if (down.length === 0) return can;
  return `${can} Not available now: ${down.map((agent) => `${nameOf(agent)} (${agent.problem ?? 'not answering'})`).join('; ')}.`;
}

/** Why a request, or part of one, gets no step. */
export function unservedMessage(request: string, agents: readonly KnownAgent[]): string {
  const what =
    request.trim() === ''
      ? 'The request is empty: say what you need.'
      : `No specialist can help with "${shorten(request)}".`;
  return `${what} ${describeMesh(agents)}`;
}

/** Why a clause gets no step although a specialist would serve it: it is down. */
export function downMessage(clause: string, agent: KnownAgent): string {
  return `${nameOf(agent)} would handle "${shorten(clause)}", but it is down (${agent.problem ?? 'not answering'}).`;
}

/** An agent's name as people know it: its card's name, else its key. */
export function nameOf(agent: KnownAgent): string {
  return agent.card?.name ?? agent.key;
}

function describeAgent(agent: KnownAgent): string {
  const skills = agent.card?.skills.map((skill) => skill.name.toLowerCase()) ?? [];
  return skills.length === 0 ? nameOf(agent) : `${nameOf(agent)} (${skills.join(', ')})`;
}

function shorten(text: string): string {
  const line = text.trim().replace(/\s+/g, ' ');
  return line.length <= 80 ? line : `${line.slice(0, 77)}…`;
}
