import { afterEach, describe, expect, it } from 'vitest';
import { A2AClientError } from '@a2a-mesh/client';
import type { AgentCard } from '@a2a-mesh/protocol';
import type { Logger } from '@a2a-mesh/server';
import { AgentDirectory } from './agent-directory.ts';
import type { CardReader, DirectoryChange } from './agent-directory.ts';

function card(name: string): AgentCard {
  return {
    name,
    description: `${name} for a test`,
    url: 'http://127.0.0.1:1/a2a',
    protocolVersion: '0.3.0',
    version: '1.0.0',
    capabilities: { streaming: true },
    defaultInputModes: ['text/plain'],
    defaultOutputModes: ['text/plain'],
    skills: [{ id: 'do', name: 'Do', description: 'Does it.', tags: ['do'] }],
  };
}

/** Cards (or failures) by URL, changeable between reads. */
function fakeReader(answers: Record<string, AgentCard | Error>) {
  const reads: string[] = [];
  const read: CardReader = async (url) => {
    reads.push(url);
    const answer = answers[url];
    if (answer === undefined || answer instanceof Error) throw answer ?? new Error(`nothing at ${url}`);
    return answer;
  };
  return { read, reads, answers };
}

function recordingLogger() {
  const lines: { level: string; message: string; fields: Record<string, unknown> }[] = [];
  const write = (level: string) => (fields: Record<string, unknown>, message: string) =>
    lines.push({ level, message, fields });
  const logger: Logger = {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: () => logger,
  };
  return { logger, lines };
}

const refused = () =>
  new A2AClientError('request-failed', 'Fetching the agent card failed: connect ECONNREFUSED', {
    cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
  });

const directories: AgentDirectory[] = [];
afterEach(() => directories.splice(0).forEach((directory) => directory.stop()));
function directory(options: ConstructorParameters<typeof AgentDirectory>[0]): AgentDirectory {
  const created = new AgentDirectory(options);
  directories.push(created);
  return created;
}

describe('AgentDirectory', () => {
  it('keys agents by their card names in kebab case, unique, and provisionally by URL before', async () => {
    const { read } = fakeReader({
      'http://a:1': card('Knowledge agent'),
      'http://b:2': card('Writer'),
      'http://c:3': card('Writer'),
    });
    const agents = directory({ specialists: ['http://a:1', 'http://b:2', 'http://c:3', 'http://a:1'], readCard: read });
    expect(agents.agents().map((agent) => [agent.key, agent.healthy, agent.problem])).toEqual([
      ['a-1', false, 'not checked yet'],
      ['b-2', false, 'not checked yet'],
      ['c-3', false, 'not checked yet'],
    ]);
    await agents.refresh();
    expect(agents.agents().map((agent) => agent.key)).toEqual(['knowledge-agent', 'writer', 'writer-2']);
    expect(agents.get('writer-2')).toMatchObject({ url: 'http://c:3', healthy: true, card: { name: 'Writer' } });
    expect(agents.get('writer-2')).not.toHaveProperty('problem');
  });

  it('marks an agent down with its problem, keeps its last card and key, and brings it back', async () => {
    const fake = fakeReader({ 'http://a:1': card('Calculator') });
    const { logger, lines } = recordingLogger();
    let now = 1_000;
    const agents = directory({ specialists: ['http://a:1'], readCard: fake.read, logger, now: () => now });
    const changes: DirectoryChange[] = [];
    agents.on('change', (change) => changes.push(change));

    await agents.refresh();
    expect(agents.get('calculator')).toMatchObject({ healthy: true, checkedAt: 1_000 });

    fake.answers['http://a:1'] = refused();
    now = 2_000;
    await agents.refresh();
    expect(agents.get('calculator')).toEqual({
      key: 'calculator',
      url: 'http://a:1',
      card: card('Calculator'),
      healthy: false,
      problem: 'connection refused',
      checkedAt: 1_000,
    });
    await agents.refresh(); // still down: no news

    fake.answers['http://a:1'] = card('Calculator');
    now = 3_000;
    await agents.refresh();
    expect(agents.get('calculator')).toMatchObject({ healthy: true, checkedAt: 3_000 });
    expect(agents.get('calculator')).not.toHaveProperty('problem');

    expect(changes.map((change) => change.changed.map((agent) => `${agent.key}:${agent.healthy}`))).toEqual([
      ['calculator:true'],
      ['calculator:false'],
      ['calculator:true'],
    ]);
    expect(lines.map((line) => `${line.level} ${line.message}`)).toEqual([
      'info agent calculator found at http://a:1',
      'warn agent calculator is down: connection refused',
      'info agent calculator is back at http://a:1',
    ]);
    expect(lines[1]?.fields).toEqual({ agent: 'calculator', url: 'http://a:1', problem: 'connection refused' });
  });

  it('says which field of an invalid card is wrong', async () => {
    const invalid = new A2AClientError(
      'invalid-card',
      'Invalid agent card at http://a:1/.well-known/agent-card.json: skills[0].name: expected string, received undefined',
    );
    const agents = directory({ specialists: ['http://a:1'], readCard: fakeReader({ 'http://a:1': invalid }).read });
    await agents.refresh();
    expect(agents.agents()[0]).toMatchObject({ healthy: false, problem: expect.stringContaining('skills[0].name') });
  });

  it('reads every card again on its own, and stops when told', async () => {
    const fake = fakeReader({ 'http://a:1': refused() });
    const agents = directory({ specialists: ['http://a:1'], readCard: fake.read, refreshIntervalMs: 20 });
    await agents.start();
    expect(agents.agents()[0]?.healthy).toBe(false);
    fake.answers['http://a:1'] = card('Late');
    await expect.poll(() => agents.get('late')?.healthy).toBe(true);

    agents.stop();
    const reads = fake.reads.length;
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(fake.reads.length).toBe(reads);

    // Stopped, it still reads when asked.
    fake.answers['http://a:1'] = refused();
    await agents.refresh();
    expect(agents.get('late')).toMatchObject({ healthy: false, problem: 'connection refused' });
  });

  it('abandons a read in progress on stop()', async () => {
    let release: () => void = () => {};
    const slow: CardReader = (_url, { signal }) =>
      new Promise((resolve, reject) => {
        release = () => resolve(card('Slow'));
        signal.addEventListener('abort', () => reject(signal.reason));
      });
    const agents = directory({ specialists: ['http://a:1'], readCard: slow });
    const started = agents.start();
    agents.stop();
    await started;
    release();
    expect(agents.agents()[0]).toMatchObject({ key: 'a-1', healthy: false, problem: 'not checked yet' });
  });

  it('joins a read already running instead of starting another', async () => {
    const fake = fakeReader({ 'http://a:1': card('A') });
    const agents = directory({ specialists: ['http://a:1'], readCard: fake.read });
    await Promise.all([agents.refresh(), agents.refresh(), agents.refresh()]);
    expect(fake.reads).toEqual(['http://a:1']);
  });

  it('keeps going when a change listener throws, and lets listeners go', async () => {
    const { logger, lines } = recordingLogger();
    const agents = directory({
      specialists: ['http://a:1'],
      readCard: fakeReader({ 'http://a:1': card('A') }).read,
      logger,
    });
    const heard: number[] = [];
    agents.on('change', () => {
      throw new Error('listener bug');
    });
    const stop = agents.on('change', (change) => heard.push(change.agents.length));
    await agents.refresh();
    expect(heard).toEqual([1]);
    expect(lines.some((line) => line.level === 'error' && line.message.includes('listener failed'))).toBe(true);
    stop();
  });
});
