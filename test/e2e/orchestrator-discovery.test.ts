import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { calculatorCard, createCalculatorExecutor } from '@a2a-mesh/calculator';
import { KnowledgeBase, createKnowledgeExecutor, defaultDocsFolder, knowledgeCard } from '@a2a-mesh/knowledge';
import {
  AgentDirectory,
  DirectoryConfigError,
  createOrchestratorCard,
  planDeterministically,
  readDirectoryConfig,
} from '@a2a-mesh/orchestrator';
import type { DirectoryChange } from '@a2a-mesh/orchestrator';
import { AgentCardSchema } from '@a2a-mesh/protocol';
import { createAgentServer } from '@a2a-mesh/server';
import type { AgentServer, Logger } from '@a2a-mesh/server';
import { createWriterExecutor, writerCard } from '@a2a-mesh/writer';

/** The real specialists, each on a port of its own; port 0 picks a free one. */
const specialists = {
  knowledge: () =>
    createAgentServer({
      card: knowledgeCard,
      executor: createKnowledgeExecutor({ knowledgeBase: new KnowledgeBase({ folder: defaultDocsFolder }) }),
      shutdownDeadlineMs: 50,
    }),
  calculator: () =>
    createAgentServer({ card: calculatorCard, executor: createCalculatorExecutor(), shutdownDeadlineMs: 50 }),
  writer: () => createAgentServer({ card: writerCard, executor: createWriterExecutor(), shutdownDeadlineMs: 50 }),
};

const running = new Set<AgentServer>();
const plainServers = new Set<Server>();
const directories = new Set<AgentDirectory>();
afterEach(async () => {
  for (const directory of directories) directory.stop();
  directories.clear();
  await Promise.all([...running].map((server) => server.close()));
  running.clear();
  await Promise.all([...plainServers].map((server) => new Promise((resolve) => server.close(resolve))));
  plainServers.clear();
});

async function start(kind: keyof typeof specialists, port = 0): Promise<{ url: string; server: AgentServer }> {
  const server = specialists[kind]();
  running.add(server);
  return { url: await server.listen(port), server };
}

async function stop(server: AgentServer): Promise<void> {
  running.delete(server);
  await server.close();
}

/** A loopback port nobody listens on (yet). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function directory(specialistUrls: string[], options: { logger?: Logger; refreshIntervalMs?: number } = {}) {
  const created = new AgentDirectory({ specialists: specialistUrls, timeoutMs: 2_000, ...options });
  directories.add(created);
  return created;
}

function recordingLogger() {
  const lines: string[] = [];
  const write = (level: string) => (_fields: Record<string, unknown>, message: string) =>
    lines.push(`${level} ${message}`);
  const logger: Logger = {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: () => logger,
  };
  return { logger, lines };
}

describe('orchestrator discovery against the real specialists', () => {
  it('reads and validates every card, keyed by card name, from the configured URLs', async () => {
    const knowledge = await start('knowledge');
    const calculator = await start('calculator');
    const writer = await start('writer');
    const config = readDirectoryConfig({
      SPECIALISTS: `${knowledge.url},${calculator.url}/.well-known/agent-card.json,${writer.url}`,
    });
    const agents = directory([...config.specialists]);
    await agents.start();

    expect(
      agents.agents().map((agent) => [agent.key, agent.healthy, agent.card?.skills.map((skill) => skill.id)]),
    ).toEqual([
      ['knowledge-agent', true, ['search-docs', 'answer-question']],
      ['calculator', true, ['arithmetic', 'percentages', 'statistics', 'unit-conversion']],
      ['writer', true, ['summarize', 'rewrite']],
    ]);
    for (const agent of agents.agents()) {
      expect(AgentCardSchema.safeParse(agent.card).success).toBe(true);
      expect(agent.checkedAt).toBeGreaterThan(0);
    }
    expect(agents.get('calculator')?.card?.url).toBe(`${calculator.url}/a2a`);

    // What the orchestrator's own card then says about the mesh.
    const card = createOrchestratorCard(agents.agents());
    expect(card.skills.map((skill) => skill.id)).toContain('calculator/percentages');
    expect(card.skills[0]?.id).toBe('route');
  });

  it('finds an agent that is down at start, then up on its port, by refresh()', async () => {
    const calculator = await start('calculator');
    const port = await freePort();
    const { logger, lines } = recordingLogger();
    const agents = directory([calculator.url, `http://127.0.0.1:${port}`], { logger });
    const changes: DirectoryChange[] = [];
    agents.on('change', (change) => changes.push(change));
    await agents.start();

    const missing = agents.agents()[1]!;
    expect(missing).toMatchObject({
      key: `127-0-0-1-${port}`,
      healthy: false,
      problem: 'connection refused',
      card: undefined,
    });
    expect(planDeterministically('summarize: one. two. three.', agents.agents()).unserved).toMatch(
      /^No specialist can help with .* Not available now: 127-0-0-1-\d+ \(connection refused\)\.$/,
    );

    await start('writer', port);
    await agents.refresh();
    expect(agents.get('writer')).toMatchObject({ url: `http://127.0.0.1:${port}`, healthy: true });
    expect(agents.get('writer')).not.toHaveProperty('problem');
    expect(changes.at(-1)?.changed.map((agent) => agent.key)).toEqual(['writer']);
    expect(lines).toContain(`warn agent 127-0-0-1-${port} is not available: connection refused`);
    expect(lines).toContain(`info agent writer is back at http://127.0.0.1:${port}`);
    expect(planDeterministically('summarize: one. two. three.', agents.agents()).steps).toMatchObject([
      { agent: 'writer' },
    ]);
  });

  it('notices an agent going down and coming back on its own, keeping its last card meanwhile', async () => {
    const { url, server } = await start('calculator');
    const port = Number(new URL(url).port);
    const { logger, lines } = recordingLogger();
    const agents = directory([url], { logger, refreshIntervalMs: 50 });
    await agents.start();
    expect(agents.get('calculator')?.healthy).toBe(true);

    await stop(server);
    await expect.poll(() => agents.get('calculator')?.healthy).toBe(false);
    expect(agents.get('calculator')).toMatchObject({ problem: 'connection refused', card: { name: 'Calculator' } });
    const plan = planDeterministically('what is 15% of 80', agents.agents());
    expect(plan.steps).toEqual([]);
    expect(plan.unserved).toMatch(
      /^Calculator would handle "what is 15% of 80", but it is down \(connection refused\)/,
    );

    await start('calculator', port);
    await expect.poll(() => agents.get('calculator')?.healthy).toBe(true);
    expect(lines).toEqual(
      expect.arrayContaining([
        'warn agent calculator is down: connection refused',
        `info agent calculator is back at ${url}`,
      ]),
    );
  });

  it('marks an agent that serves an invalid card unhealthy, naming the field', async () => {
    const badCard = {
      ...knowledgeCard,
      url: 'http://127.0.0.1/a2a',
      protocolVersion: '0.3.0',
      skills: [{ ...knowledgeCard.skills[0], tags: 'docs' }],
    };
    const server = createServer((request, response) => {
      if (request.url === '/.well-known/agent-card.json') {
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(badCard));
      } else {
        response.writeHead(404).end();
      }
    });
    plainServers.add(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const agents = directory([url]);
    await agents.refresh();
    const [agent] = agents.agents();
    expect(agent?.healthy).toBe(false);
    expect(agent?.problem).toMatch(
      /^Invalid agent card at http:\/\/127\.0\.0\.1:\d+\/\.well-known\/agent-card\.json: /,
    );
    expect(agent?.problem).toContain('skills[0].tags');
  });

  it('reads the specialists from a config file, and names the field of a bad one', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'orchestrator-discovery-'));
    try {
      const calculator = await start('calculator');
      const good = path.join(folder, 'good.json');
      writeFileSync(good, JSON.stringify({ specialists: [calculator.url], refreshIntervalMs: 1_000 }));
      const config = readDirectoryConfig({ ORCHESTRATOR_CONFIG: good });
      expect(config).toMatchObject({ specialists: [calculator.url], refreshIntervalMs: 1_000 });
      const agents = directory([...config.specialists], { refreshIntervalMs: config.refreshIntervalMs });
      await agents.refresh();
      expect(agents.get('calculator')?.healthy).toBe(true);

      const bad = path.join(folder, 'bad.json');
      writeFileSync(bad, JSON.stringify({ specialists: [calculator.url, 'calculator:9102'] }));
      expect(() => readDirectoryConfig({ ORCHESTRATOR_CONFIG: bad })).toThrow(
        new DirectoryConfigError(
          `ORCHESTRATOR_CONFIG file ${bad}: specialists[1]: must be an http(s) URL such as http://127.0.0.1:9101 (got "calculator:9102")`,
          'specialists[1]',
        ),
      );
      expect(() => readDirectoryConfig({ SPECIALISTS: 'calculator:9102' })).toThrow(/^SPECIALISTS must be/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
