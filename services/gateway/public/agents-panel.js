import { h } from './dom.js';
import { isObject } from './event-shape.js';

/** How many example prompts the quick list under the prompt box offers. */
const QUICK_EXAMPLES = 6;

/**
 * The agents panel: the orchestrator and each specialist with its health and its card's skills
 * (tags, and example prompts to click). Returns the example prompts worth offering first: the
 * orchestrator's own (they span agents), then one per specialist skill.
 *
 * @param {HTMLElement} container
 * @param {{ orchestrator?: object, agents?: object[] }} directory the `GET /api/agents` answer
 * @param {(example: string) => void} useExample
 * @returns {string[]}
 */
export function renderAgents(container, directory, useExample) {
  const orchestrator = isObject(directory.orchestrator) ? directory.orchestrator : undefined;
  const agents = Array.isArray(directory.agents) ? directory.agents.filter(isObject) : [];
  const cards = [];
  if (orchestrator) cards.push(agentCard({ key: 'orchestrator', ...orchestrator }, useExample, true));
  for (const agent of agents) cards.push(agentCard(agent, useExample, false));
  container.replaceChildren(
    cards.length > 0 ? h('ul', { class: 'agent-list' }, ...cards) : h('p', { class: 'empty' }, 'No agents known yet.'),
  );
  const examples = ownSkills(orchestrator?.card).flatMap((skill) => skill.examples);
  for (const agent of agents) for (const skill of skillsOf(agent.card)) examples.push(...skill.examples.slice(0, 1));
  return [...new Set(examples)].slice(0, QUICK_EXAMPLES);
}

/** Display names of the agents by key (their card's name), for the timeline's lanes. */
export function agentNames(directory) {
  const names = new Map();
  for (const agent of Array.isArray(directory.agents) ? directory.agents : []) {
    if (isObject(agent) && typeof agent.key === 'string') names.set(agent.key, agent.card?.name ?? agent.key);
  }
  return names;
}

/** The quick example buttons under the prompt box. */
export function renderExamples(container, examples, useExample) {
  container.replaceChildren(
    ...(examples.length > 0 ? [h('span', { class: 'examples-label' }, 'Try:')] : []),
    ...examples.map((example) => exampleButton(example, useExample)),
  );
}

function agentCard(agent, useExample, isOrchestrator) {
  const card = isObject(agent.card) ? agent.card : undefined;
  const name = card?.name ?? agent.key ?? agent.url ?? 'agent';
  const healthy = agent.healthy === true;
  const skills = isOrchestrator ? ownSkills(card) : skillsOf(card);
  return h(
    'li',
    { class: 'agent', dataset: { agent: String(agent.key ?? ''), healthy: String(healthy) } },
    h(
      'header',
      { class: 'agent-header' },
      h(
        'h3',
        { class: 'agent-name' },
        name,
        isOrchestrator ? h('span', { class: 'agent-role' }, ' (entry point)') : null,
      ),
      h(
        'span',
        { class: 'health', dataset: { healthy: String(healthy) } },
        h('span', { 'aria-hidden': 'true' }, healthy ? '● ' : '✕ '),
        healthy ? 'healthy' : 'unreachable',
      ),
    ),
    agent.problem ? h('p', { class: 'agent-problem' }, String(agent.problem)) : null,
    card?.description ? h('p', { class: 'agent-description' }, card.description) : null,
    typeof agent.url === 'string' ? h('p', { class: 'agent-url' }, agent.url) : null,
    skills.length > 0
      ? h(
          'details',
          { class: 'skills', open: isOrchestrator },
          h('summary', {}, `${skills.length} skill${skills.length === 1 ? '' : 's'}`),
          h('ul', {}, ...skills.map((skill) => skillItem(skill, useExample))),
        )
      : null,
  );
}

function skillItem(skill, useExample) {
  return h(
    'li',
    { class: 'skill', dataset: { skill: skill.id } },
    h('p', { class: 'skill-name' }, skill.name),
    skill.description ? h('p', { class: 'skill-description' }, skill.description) : null,
    skill.tags.length > 0
      ? h('ul', { class: 'tags', 'aria-label': 'Tags' }, ...skill.tags.map((tag) => h('li', { class: 'tag' }, tag)))
      : null,
    skill.examples.length > 0
      ? h('div', { class: 'skill-examples' }, ...skill.examples.map((example) => exampleButton(example, useExample)))
      : null,
  );
}

function exampleButton(example, useExample) {
  return h('button', { type: 'button', class: 'example', onclick: () => useExample(example) }, example);
}

/**
 * The orchestrator's own skills. Its card also lists every specialist's skills under ids prefixed
 * with the specialist's key (`calculator/percentages`); those are shown with their specialist.
 */
function ownSkills(card) {
  return skillsOf(card).filter((skill) => !skill.id.includes('/'));
}

function skillsOf(card) {
  if (!isObject(card) || !Array.isArray(card.skills)) return [];
  return card.skills.filter(isObject).map((skill) => ({
    id: String(skill.id ?? ''),
    name: String(skill.name ?? skill.id ?? ''),
    description: typeof skill.description === 'string' ? skill.description : '',
    tags: Array.isArray(skill.tags) ? skill.tags.map(String) : [],
    examples: Array.isArray(skill.examples) ? skill.examples.filter((example) => typeof example === 'string') : [],
  }));
}
