import { describe, expect, it } from 'vitest';
import type { AgentCard, AgentSkill } from '@a2a-mesh/protocol';
import { DeterministicPlanner, planDeterministically } from './deterministic-planner.ts';
import type { KnownAgent, Plan } from './plan.ts';

/**
 * Made-up cards, on purpose unlike the mesh's own specialists: the planner must route by what
 * any card says, not by agents it knows.
 */
function agent(key: string, name: string, skills: AgentSkill[], health: Partial<KnownAgent> = {}): KnownAgent {
  const card: AgentCard = {
    name,
    description: `${name}, made up for a test.`,
    url: `http://127.0.0.1:1/${key}`,
    protocolVersion: '0.3.0',
    version: '1.0.0',
    capabilities: { streaming: true },
    defaultInputModes: ['text/plain'],
    defaultOutputModes: ['text/plain'],
    skills,
  };
  return { key, url: `http://127.0.0.1:1/${key}`, card, healthy: true, ...health };
}

const translator = agent('polyglot', 'Polyglot', [
  {
    id: 'translate',
    name: 'Translate',
    description: 'Translates the text it is given into another language.',
    tags: ['translate', 'translation', 'language', 'french', 'spanish'],
    examples: ['translate to French: <text>', 'translate into Spanish: <text>'],
  },
]);
const weather = agent('sky', 'Sky desk', [
  {
    id: 'forecast',
    name: 'Forecast',
    description: 'The weather forecast for a city: temperature, wind and rain.',
    tags: ['weather', 'forecast', 'rain', 'wind'],
    examples: ['weather in Paris tomorrow', 'will it rain in Oslo?'],
  },
]);
const cruncher = agent('abacus', 'Abacus', [
  {
    id: 'sums',
    name: 'Sums',
    description: 'Adds, multiplies and averages numbers.',
    tags: ['math', 'arithmetic', 'statistics'],
    examples: ['12 * 7', 'average of 2, 4 and 9'],
  },
]);
const helpdesk = agent('helpdesk', 'Help desk', [
  {
    id: 'faq',
    name: 'Frequently asked questions',
    description: 'Answers questions about orders, refunds and delivery.',
    tags: ['question', 'answer', 'faq', 'refund', 'delivery'],
    examples: ['what is the refund policy?', 'how long does delivery take?'],
  },
]);
const everyone = [translator, weather, cruncher, helpdesk];

const down = (known: KnownAgent): KnownAgent => ({ ...known, healthy: false, problem: 'connection refused' });
const shape = (plan: Plan) => plan.steps.map((step) => [step.agent, step.dependsOn ?? []]);

describe('DeterministicPlanner, with cards it has never seen', () => {
  it('sends a request to the one agent whose tags, examples or words fit', async () => {
    const planner = new DeterministicPlanner();
    for (const [request, key] of [
      ['will it rain in Lisbon on Sunday?', 'sky'],
      ['translate to Spanish: good morning', 'polyglot'],
      ['how do refunds work?', 'helpdesk'],
      ['12 * (3 + 4)', 'abacus'],
      ['average of 3, 5 and 8', 'abacus'],
    ] as const) {
      const plan = await planner.plan(request, everyone, []);
      expect(plan.planner).toBe('deterministic');
      expect(
        plan.steps.map((step) => step.agent),
        request,
      ).toEqual([key]);
      expect(plan.unserved, request).toBeUndefined();
    }
  });

  it('keeps the text to work on whole, "and" and ";" included', () => {
    const plan = planDeterministically('translate to French: bread and butter; then cheese', everyone);
    expect(plan.steps).toEqual([
      expect.objectContaining({
        id: 's1',
        agent: 'polyglot',
        skillId: 'translate',
        text: 'translate to French: bread and butter; then cheese',
        reason: expect.stringContaining('translate'),
      }),
    ]);
  });

  it('counts an instruction followed by a text as the shape of a text-taking skill', () => {
    // "french" alone is one tag, below the threshold; with a text after the colon it is an instruction.
    expect(planDeterministically('french', everyone).steps).toEqual([]);
    expect(shape(planDeterministically('french: bonjour tout le monde', everyone))).toEqual([['polyglot', []]]);
  });

  it('fans independent parts out in parallel, each with its own text', () => {
    const plan = planDeterministically('what is 12 * 7 and will it rain in Oslo tomorrow?', everyone);
    expect(plan.steps.map((step) => [step.agent, step.text, step.dependsOn])).toEqual([
      ['abacus', 'what is 12 * 7', undefined],
      ['sky', 'will it rain in Oslo tomorrow?', undefined],
    ]);
  });

  it('chains a part that refers back to the part before it', () => {
    const plan = planDeterministically('get the weather in Oslo and translate it to French', everyone);
    expect(plan.steps).toMatchObject([
      { id: 's1', agent: 'sky', text: 'get the weather in Oslo' },
      { id: 's2', agent: 'polyglot', text: 'translate it to French', dependsOn: ['s1'] },
    ]);
    expect(plan.steps[1]?.reason).toContain('output of s1');
  });

  it('chains an instruction to a text-taking skill about what another agent finds', () => {
    const plan = planDeterministically('translate into Spanish the weather forecast for Rome', everyone);
    expect(plan.steps).toMatchObject([
      { id: 's1', agent: 'sky', text: 'the weather forecast for Rome' },
      { id: 's2', agent: 'polyglot', text: 'translate into Spanish', dependsOn: ['s1'] },
    ]);
  });

  it('works a follow-up with no subject of its own on the previous answer', () => {
    const history = [{ request: 'weather in Rome', answer: 'Sunny, 24 degrees, light wind.' }];
    const plan = planDeterministically('in Spanish', everyone, history);
    expect(plan.steps).toEqual([
      expect.objectContaining({ agent: 'polyglot', text: 'translate in Spanish: Sunny, 24 degrees, light wind.' }),
    ]);
    expect(plan.steps[0]?.reason).toContain('previous answer');
    // A request with a subject of its own does not drag the old answer along.
    expect(planDeterministically('translate to French: thank you', everyone, history).steps[0]?.text).toBe(
      'translate to French: thank you',
    );
  });

  it('answers a request no card fits with no step and what the mesh can do', () => {
    for (const request of ['book me a flight to Paris', 'asdf qwerty', '', '   ']) {
      const plan = planDeterministically(request, everyone);
      expect(plan.steps, request).toEqual([]);
      expect(plan.unserved, request).toMatch(/^(No specialist can help with|The request is empty)/);
      expect(plan.unserved).toContain('Polyglot (translate); Sky desk (forecast); Abacus (sums)');
    }
  });

  it('reads maths from its shape, for whichever card tags a skill "math"', () => {
    expect(shape(planDeterministically('2^10 - 24', everyone))).toEqual([['abacus', []]]);
    // Without such a card, maths is not pushed onto an agent that merely answers questions.
    expect(planDeterministically('what is 2^10 - 24', [translator, weather, helpdesk]).steps).toEqual([]);
  });

  it('never chooses an agent that is down: names it, or takes the next one that fits', () => {
    const plan = planDeterministically('will it rain in Oslo?', [translator, down(weather), cruncher, helpdesk]);
    expect(plan.steps).toEqual([]);
    expect(plan.unserved).toContain(
      'Sky desk would handle "will it rain in Oslo?", but it is down (connection refused)',
    );

    const backup = agent('backup-sky', 'Backup sky', [
      {
        id: 'weather',
        name: 'Weather',
        description: 'Weather, roughly.',
        tags: ['weather', 'rain'],
        examples: ['will it rain in Bergen?'],
      },
    ]);
    const fallback = planDeterministically('will it rain in Oslo?', [down(weather), backup]);
    expect(fallback.steps).toMatchObject([
      { agent: 'backup-sky', reason: expect.stringContaining('Sky desk fits better but is down') },
    ]);
  });

  it('serves the parts it can and names the part it cannot', () => {
    const plan = planDeterministically('what is 12 * 7 and book me a table for two', everyone);
    expect(shape(plan)).toEqual([['abacus', []]]);
    expect(plan.unserved).toMatch(/^No specialist can help with "book me a table for two"\. The mesh can help with: /);
  });

  it('does not run a part whose input cannot be produced', () => {
    const plan = planDeterministically('get the weather in Oslo and translate it to French', [
      down(weather),
      translator,
    ]);
    expect(plan.steps).toEqual([]);
    expect(plan.unserved).toContain(
      '"translate it to French" needs the result of the part before it, which cannot run.',
    );
  });
});
