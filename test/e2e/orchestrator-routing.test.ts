import { describe, expect, it } from 'vitest';
import { calculatorCard } from '@a2a-mesh/calculator';
import { knowledgeCard } from '@a2a-mesh/knowledge';
import { DeterministicPlanner, createOrchestratorCard } from '@a2a-mesh/orchestrator';
import type { AgentDirectory } from '@a2a-mesh/orchestrator';
import type { AgentCardInput } from '@a2a-mesh/server';
import { writerCard } from '@a2a-mesh/writer';

type KnownAgent = ReturnType<AgentDirectory['agents']>[number];

/** A specialist as the directory sees it once it has read the real card. */
function known(key: string, card: AgentCardInput, health: Partial<KnownAgent> = {}): KnownAgent {
  const url = `http://127.0.0.1:1/${key}`;
  return { key, url, card: { ...card, url: `${url}/a2a`, protocolVersion: '0.3.0' }, healthy: true, ...health };
}

const knowledge = known('knowledge-agent', knowledgeCard);
const calculator = known('calculator', calculatorCard);
const writer = known('writer', writerCard);
const mesh = [knowledge, calculator, writer];
const down = (agent: KnownAgent): KnownAgent => ({ ...agent, healthy: false, problem: 'connection refused' });

const previousTurn = [
  {
    request: 'how does resubscribe work',
    answer:
      'tasks/resubscribe re-attaches to a task stream. With a Last-Event-ID header it replays exactly the ' +
      'events after that id, then goes live. Without one it sends the snapshot first.',
  },
];
const longText =
  'Streams resume from a cursor and every event carries a sequence number. A client that drops ' +
  'reconnects and gets exactly what it missed; nothing is lost and nothing is repeated.';

/** One row of the routing table: a request, and the plan's shape as `agent:skill` per step. */
interface Route {
  request: string;
  /** Each step as `agent/skill`, with `<-s1` when it depends on s1. */
  steps: string[];
  /** The text of each step, where it matters. */
  texts?: (string | RegExp)[];
  unserved?: RegExp;
  agents?: KnownAgent[];
  history?: typeof previousTurn;
}

/**
 * The deterministic planner against the real cards of the three specialists. It knows none of
 * them by name: it routes on what their cards say (tags, examples, names, descriptions).
 */
const table: Route[] = [
  // One specialist
  { request: 'what is 15% of 80', steps: ['calculator/percentages'], texts: ['what is 15% of 80'] },
  { request: '(2 + 3) * 4^2', steps: ['calculator/arithmetic'] },
  { request: 'mean of 3, 5 and 8', steps: ['calculator/statistics'], texts: ['mean of 3, 5 and 8'] },
  { request: 'convert 5 km to miles', steps: ['calculator/unit-conversion'] },
  { request: 'how does resubscribe work', steps: ['knowledge-agent/answer-question'] },
  { request: 'What happens to a slow subscriber?', steps: ['knowledge-agent/answer-question'] },
  { request: 'search the docs for heartbeats and retries', steps: ['knowledge-agent/search-docs'] },
  { request: 'explain heartbeats', steps: ['knowledge-agent/answer-question'] },
  {
    request: `summarize: ${longText}`,
    steps: ['writer/summarize'],
    texts: [`summarize: ${longText}`],
  },
  {
    request: `rewrite formally: we can't make it and that's that.`,
    steps: ['writer/rewrite'],
    texts: [`rewrite formally: we can't make it and that's that.`],
  },
  { request: `tl;dr: ${longText}`, steps: ['writer/summarize'], texts: [`tl;dr: ${longText}`] },
  // Several in parallel
  {
    request: 'what is 2^10 and what do the docs say about heartbeats',
    steps: ['calculator/arithmetic', 'knowledge-agent/search-docs'],
    texts: ['what is 2^10', 'what do the docs say about heartbeats'],
  },
  {
    request: 'increase 120 by 15%; also how long are finished tasks kept?',
    steps: ['calculator/percentages', 'knowledge-agent/answer-question'],
    texts: ['increase 120 by 15%', 'how long are finished tasks kept?'],
  },
  {
    request: 'sqrt(2) * 3 and 5 km to miles',
    steps: ['calculator/arithmetic', 'calculator/unit-conversion'],
    texts: ['sqrt(2) * 3', '5 km to miles'],
  },
  // Chains
  {
    request: 'find what the docs say about resubscribe and summarize it',
    steps: ['knowledge-agent/search-docs', 'writer/summarize<-s1'],
    texts: ['find what the docs say about resubscribe', 'summarize it'],
  },
  {
    request: 'summarize in 2 sentences what the docs say about slow subscribers',
    steps: ['knowledge-agent/answer-question', 'writer/summarize<-s1'],
    texts: ['what the docs say about slow subscribers', 'summarize in 2 sentences'],
  },
  {
    request: 'what is 2^100 and 3^50, then rewrite them as bullet points',
    steps: ['calculator/arithmetic', 'calculator/arithmetic', 'writer/rewrite<-s1,s2'],
  },
  {
    request: 'what is 20% of 300 and summarize the docs on retention',
    steps: ['calculator/percentages', 'knowledge-agent/search-docs', 'writer/summarize<-s2'],
    texts: ['what is 20% of 300', 'the docs on retention', 'summarize'],
  },
  // Conversation follow-ups
  {
    request: 'make it shorter',
    history: previousTurn,
    steps: ['writer/rewrite'],
    texts: [`make it shorter: ${previousTurn[0]!.answer}`],
  },
  {
    request: 'in bullet points',
    history: previousTurn,
    steps: ['writer/rewrite'],
    texts: [`rewrite in bullet points: ${previousTurn[0]!.answer}`],
  },
  {
    request: 'summarize that',
    history: previousTurn,
    steps: ['writer/summarize'],
    texts: [`summarize that: ${previousTurn[0]!.answer}`],
  },
  // Nothing serves it
  { request: 'book me a flight to Paris', steps: [], unserved: /^No specialist can help with "book me a flight/ },
  { request: 'asdf qwerty', steps: [], unserved: /^No specialist can help with "asdf qwerty"/ },
  { request: '', steps: [], unserved: /^The request is empty/ },
  {
    request: 'what is 2+2 and book me a flight to Paris',
    steps: ['calculator/arithmetic'],
    unserved: /^No specialist can help with "book me a flight to Paris"/,
  },
  // The best agent is down
  {
    request: 'what is 15% of 80',
    agents: [knowledge, down(calculator), writer],
    steps: [],
    unserved: /^Calculator would handle "what is 15% of 80", but it is down \(connection refused\)/,
  },
  {
    request: 'find what the docs say about resubscribe and summarize it',
    agents: [down(knowledge), calculator, writer],
    steps: [],
    unserved: /Knowledge agent would handle .* but it is down.*"summarize it" needs the result of the part before it/,
  },
];

describe('routing table: the deterministic planner on the real specialist cards', () => {
  const planner = new DeterministicPlanner();

  it.each(table.map((route) => [route.request || '(empty)', route] as const))('%s', async (_, route) => {
    const agents = route.agents ?? mesh;
    const plan = await planner.plan(route.request, agents, route.history ?? []);

    const shape = plan.steps.map(
      (step) => `${step.agent}/${step.skillId}${step.dependsOn?.length ? `<-${step.dependsOn.join(',')}` : ''}`,
    );
    expect(shape).toEqual(route.steps);
    if (route.texts) expect(plan.steps.map((step) => step.text)).toEqual(route.texts);
    if (route.unserved) expect(plan.unserved).toMatch(route.unserved);
    else expect(plan.unserved).toBeUndefined();
    // Every step names why, and never an agent that is down.
    for (const step of plan.steps) {
      expect(step.reason).toBeTruthy();
      expect(agents.find((agent) => agent.key === step.agent)?.healthy).toBe(true);
    }
    expect(plan.planner).toBe('deterministic');
  });

  it('names what the mesh can do when it cannot serve a request', async () => {
    const plan = await planner.plan('book me a flight to Paris', mesh, []);
    expect(plan.unserved).toBe(
      'No specialist can help with "book me a flight to Paris". The mesh can help with: Knowledge agent ' +
        '(search the docs, answer a question from the docs); Calculator (arithmetic, percentages, statistics, ' +
        'unit conversion); Writer (summarize, rewrite).',
    );
  });

  it('routes every example of the orchestrator card it builds from these cards', async () => {
    const route = createOrchestratorCard(mesh).skills.find((skill) => skill.id === 'route')!;
    expect(route.examples?.length).toBeGreaterThanOrEqual(3);
    for (const example of route.examples ?? []) {
      const plan = await planner.plan(example, mesh, []);
      expect(plan.steps.length, example).toBeGreaterThan(0);
      expect(plan.unserved, example).toBeUndefined();
    }
  });
});
