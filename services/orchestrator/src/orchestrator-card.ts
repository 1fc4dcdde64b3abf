import type { AgentSkill } from '@a2a-mesh/protocol';
import type { AgentCardInput } from '@a2a-mesh/server';
import type { KnownAgent } from './plan.ts';

/** The skill every orchestrator card has, whatever its specialists. */
export const routeSkillId = 'route';

/**
 * The orchestrator's card for the specialists it knows now: a `route` skill ("ask anything: the
 * mesh picks the specialists"), then one skill per skill of each healthy specialist, with the
 * same tags and examples, its id prefixed by the specialist's key (`calculator/percentages`) and
 * its description by the specialist it routes to. Pure: the same agents give the same card, so
 * a server can rebuild it whenever the directory changes.
 */
export function createOrchestratorCard(agents: readonly KnownAgent[]): AgentCardInput {
  const healthy = agents.filter(
    (agent): agent is KnownAgent & { card: NonNullable<KnownAgent['card']> } => agent.healthy && !!agent.card,
  );
  const names = healthy.map((agent) => agent.card.name);
  return {
    name: 'a2a-mesh orchestrator',
    description:
      'The entry point of the a2a-mesh: give it any request and it picks the specialists that serve it — ' +
      'one, several in parallel, or a chain where one works on another’s answer — and streams their ' +
      `progress and answers as one task. Specialists available now: ${names.length > 0 ? names.join(', ') : 'none'}` +
      ` (${healthy.length} of ${agents.length}).`,
    version: '0.1.0',
    capabilities: { streaming: true, pushNotifications: false },
    defaultInputModes: ['text/plain'],
    defaultOutputModes: ['text/plain', 'application/json'],
    skills: [
      routeSkill(healthy),
      ...healthy.flatMap((agent) => agent.card.skills.map((skill) => routedSkill(agent, skill))),
    ],
  };
}

function routeSkill(agents: readonly (KnownAgent & { card: NonNullable<KnownAgent['card']> })[]): AgentSkill {
  // One example per specialist, a sentence rather than a bare expression where it has one and
  // never one with a `<text>` placeholder; then two of them asked at once; then the first one
  // handed on to a skill that works on a text (`summarize: <text>` → "… and summarize it").
  const examples = agents.map((agent) => agent.card.skills.flatMap((skill) => skill.examples ?? []));
  const plain = examples
    .map((own) => {
      const usable = own.filter((example) => !/[<>]/.test(example));
      return usable.find((example) => /^\p{L}/u.test(example) && example.trim().split(/\s+/).length >= 4) ?? usable[0];
    })
    .filter((example): example is string => example !== undefined);
  const first = plain[0]?.replace(/[?.!]+$/, '');
  const verb = examples
    .flat()
    .find((example) => /^\p{L}+\s*:\s*<[^>]+>$/u.test(example))
    ?.split(':')[0];
  const combined = [
    ...(plain.length >= 2 ? [`${first} and ${plain[1]}`] : []),
    ...(first && verb ? [`${first} and ${verb} it`] : []),
  ];
  return {
    id: routeSkillId,
    name: 'Ask anything',
    description:
      'Ask anything: the mesh picks the specialists. A request with independent parts fans out to ' +
      'several specialists in parallel; a part that works on another part’s answer ("… and summarize it") ' +
      'waits for it; a follow-up works on the previous answer. A request no specialist serves is answered ' +
      'with what the mesh can do.',
    tags: ['route', 'orchestrate', 'multi-agent', 'ask'],
    examples: [...plain, ...combined],
  };
}

function routedSkill(agent: KnownAgent & { card: NonNullable<KnownAgent['card']> }, skill: AgentSkill): AgentSkill {
  return {
    id: `${agent.key}/${skill.id}`,
    name: skill.name,
    description: `Routed to ${agent.card.name}: ${skill.description}`,
    tags: [...skill.tags],
    ...(skill.examples ? { examples: [...skill.examples] } : {}),
    ...(skill.inputModes ? { inputModes: [...skill.inputModes] } : {}),
    ...(skill.outputModes ? { outputModes: [...skill.outputModes] } : {}),
  };
}
