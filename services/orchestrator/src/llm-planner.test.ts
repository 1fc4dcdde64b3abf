import { afterEach, describe, expect, it } from 'vitest';
import { LlmConfigError, createChatModel } from '@a2a-mesh/llm';
import { startFakeOpenAi } from '@a2a-mesh/llm/testing';
import type { FakeOpenAi } from '@a2a-mesh/llm/testing';
import type { AgentCard } from '@a2a-mesh/protocol';
import type { Logger } from '@a2a-mesh/server';
import { DeterministicPlanner } from './deterministic-planner.ts';
import { LlmPlanner } from './llm-planner.ts';
import type { KnownAgent } from './plan.ts';
import { selectPlanner } from './select-planner.ts';

function agent(key: string, skills: AgentCard['skills'], healthy = true): KnownAgent {
  const card: AgentCard = {
    name: key,
    description: `${key}, made up for a test.`,
    url: `http://127.0.0.1:1/${key}`,
    protocolVersion: '0.3.0',
    version: '1.0.0',
    capabilities: { streaming: true },
    defaultInputModes: ['text/plain'],
    defaultOutputModes: ['text/plain'],
    skills,
  };
  return { key, url: card.url, card, healthy, ...(healthy ? {} : { problem: 'connection refused' }) };
}

const sky = agent('sky', [
  { id: 'forecast', name: 'Forecast', description: 'Weather.', tags: ['weather', 'rain'], examples: ['rain in Oslo?'] },
]);
const polyglot = agent('polyglot', [
  {
    id: 'translate',
    name: 'Translate',
    description: 'Translation.',
    tags: ['translate'],
    examples: ['translate to French: <text>'],
  },
]);
const dead = agent('dead', [{ id: 'x', name: 'X', description: 'X.', tags: ['x'] }], false);
const agents = [sky, polyglot, dead];

const request = 'will it rain in Oslo and translate it to French';
const goodPlan = {
  steps: [
    { id: 's1', agent: 'sky', skillId: 'forecast', text: 'will it rain in Oslo', reason: 'weather' },
    { id: 's2', agent: 'polyglot', skillId: 'translate', text: 'translate to French', dependsOn: ['s1'] },
  ],
};

function recordingLogger() {
  const lines: { level: string; fields: Record<string, unknown>; message: string }[] = [];
  const write = (level: string) => (fields: Record<string, unknown>, message: string) =>
    lines.push({ level, fields, message });
  const logger: Logger = {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: () => logger,
  };
  return { logger, lines };
}

let fake: FakeOpenAi | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function plannerWith(reply: string, options: { timeoutMs?: number } = {}) {
  fake = await startFakeOpenAi({ reply });
  const { logger, lines } = recordingLogger();
  const llm = createChatModel({ LLM_BASE_URL: fake.baseUrl, LLM_MODEL: 'planner-1' }, logger)!;
  const planner = new LlmPlanner({ llm, fallback: new DeterministicPlanner(), logger, ...options });
  return { planner, lines, fake };
}

const warnings = (lines: { level: string; message: string }[]) =>
  lines.filter((line) => line.level === 'warn').map((line) => line.message);

describe('LlmPlanner', () => {
  it('asks the model with the healthy agents’ skills and uses a valid plan', async () => {
    const { planner, lines, fake } = await plannerWith('```json\n' + JSON.stringify(goodPlan) + '\n```');
    const history = [{ request: 'hello', answer: 'Hi there.' }];
    const plan = await planner.plan(request, agents, history);

    expect(plan).toEqual({
      planner: 'llm',
      steps: [
        { id: 's1', agent: 'sky', skillId: 'forecast', text: 'will it rain in Oslo', reason: 'weather' },
        {
          id: 's2',
          agent: 'polyglot',
          skillId: 'translate',
          text: 'translate to French',
          dependsOn: ['s1'],
          reason: 'chosen by the LLM planner',
        },
      ],
    });
    const [call] = fake.completions();
    const [system, user] = call?.body.messages as { role: string; content: string }[];
    expect(system?.role).toBe('system');
    expect(system?.content).toContain('Answer with one JSON object');
    expect(user?.content).toContain('"key": "sky"');
    expect(user?.content).toContain('"examples": [\n          "translate to French: <text>"');
    expect(user?.content).not.toContain('"key": "dead"');
    expect(user?.content).toContain('Previous answer:\nHi there.');
    expect(user?.content).toMatch(/Request: will it rain in Oslo and translate it to French$/);
    expect(warnings(lines)).toEqual([]);
  });

  it('accepts an unserved answer with no steps', async () => {
    const { planner } = await plannerWith(JSON.stringify({ steps: [], unserved: 'Nobody here books flights.' }));
    await expect(planner.plan('book me a flight', agents, [])).resolves.toEqual({
      steps: [],
      unserved: 'Nobody here books flights.',
      planner: 'llm',
    });
  });

  it.each([
    ['prose instead of JSON', 'I would ask the weather agent first.', 'the answer has no JSON object'],
    ['broken JSON', '{"steps": [', 'the answer has no JSON object'],
    [
      'the wrong shape',
      '{"steps": [{"agent": "sky"}]}',
      'the plan does not have the expected shape: steps[0].skillId: expected string, received undefined; ' +
        'steps[0].text: expected string, received undefined',
    ],
    [
      'an unknown agent',
      JSON.stringify({ steps: [{ agent: 'travel-agent', skillId: 'book', text: 'book a flight' }] }),
      'steps[0] names an unknown agent "travel-agent"',
    ],
    [
      'an agent that is down',
      JSON.stringify({ steps: [{ agent: 'dead', skillId: 'x', text: 'x' }] }),
      'steps[0] names agent "dead", which is down',
    ],
    [
      'a skill the agent lacks',
      JSON.stringify({ steps: [{ agent: 'sky', skillId: 'translate', text: 'x' }] }),
      'steps[0] names skill "translate", which agent "sky" does not have',
    ],
    [
      'a dependency on a later step',
      JSON.stringify({ steps: [{ ...goodPlan.steps[1], dependsOn: ['s2'] }, goodPlan.steps[0]] }),
      'steps[0] depends on "s2", which is not an earlier step',
    ],
    ['nothing at all', JSON.stringify({ steps: [] }), 'the plan has no steps and no "unserved" sentence'],
  ])('falls back to the deterministic planner on %s, and logs why', async (_, reply, reason) => {
    const { planner, lines } = await plannerWith(reply);
    const plan = await planner.plan(request, agents, []);

    expect(plan.planner).toBe('deterministic');
    expect(plan.steps.map((step) => [step.agent, step.dependsOn ?? []])).toEqual([
      ['sky', []],
      ['polyglot', ['s1']],
    ]);
    expect(warnings(lines)).toEqual([`LLM planner failed (${reason}); planning deterministically`]);
    expect(lines.find((line) => line.level === 'warn')?.fields).toMatchObject({ model: 'planner-1', reason });
  });

  it('falls back when the model errs or is too slow', async () => {
    const { planner, lines, fake } = await plannerWith(JSON.stringify(goodPlan), { timeoutMs: 200 });
    fake.behave({ failWith: 500 });
    expect((await planner.plan(request, agents, [])).planner).toBe('deterministic');
    fake.behave({ failWith: undefined, delayMs: 1_000 });
    expect((await planner.plan(request, agents, [])).planner).toBe('deterministic');
    expect(warnings(lines)).toEqual([
      'LLM planner failed (HTTP 500: The server had an error.); planning deterministically',
      'LLM planner failed (timed out after 200 ms); planning deterministically',
    ]);
  });

  it('does not ask the model about an empty request or when no agent is up', async () => {
    const { planner, fake } = await plannerWith(JSON.stringify(goodPlan));
    expect((await planner.plan('  ', agents, [])).planner).toBe('deterministic');
    expect((await planner.plan(request, [dead], [])).planner).toBe('deterministic');
    expect(fake.completions()).toEqual([]);
  });
});

describe('selectPlanner', () => {
  it('plans deterministically without LLM_*, with the LLM when it is set', async () => {
    const { logger } = recordingLogger();
    expect(selectPlanner({}, logger)).toBeInstanceOf(DeterministicPlanner);
    fake = await startFakeOpenAi({ reply: JSON.stringify(goodPlan) });
    const planner = selectPlanner({ LLM_BASE_URL: fake.baseUrl, LLM_MODEL: 'planner-1' }, logger);
    expect(planner).toBeInstanceOf(LlmPlanner);
    expect((await planner.plan(request, agents, [])).planner).toBe('llm');
  });

  it('names a malformed LLM variable', () => {
    expect(() => selectPlanner({ LLM_BASE_URL: 'localhost:11434', LLM_MODEL: 'm' }, recordingLogger().logger)).toThrow(
      LlmConfigError,
    );
  });
});
