import { afterEach, describe, expect, it } from 'vitest';
import { calculatorCard, createCalculatorExecutor } from '@a2a-mesh/calculator';
import { createGateway } from '@a2a-mesh/gateway';
import type { Gateway } from '@a2a-mesh/gateway';
import { KnowledgeBase, createKnowledgeExecutor, defaultDocsFolder, knowledgeCard } from '@a2a-mesh/knowledge';
import {
  AgentDirectory,
  DeterministicPlanner,
  createOrchestratorCard,
  createOrchestratorExecutor,
} from '@a2a-mesh/orchestrator';
import { createAgentServer } from '@a2a-mesh/server';
import type { AgentServer, Logger } from '@a2a-mesh/server';
import { createWriterExecutor, writerCard } from '@a2a-mesh/writer';

type Line = Record<string, unknown> & { service: string };

/** A logger that keeps every line, with its service and its children's bindings. */
function recorder(lines: Line[], service: string, bindings: Record<string, unknown> = {}): Logger {
  const write = (level: string) => (fields: Record<string, unknown>, msg: string) =>
    lines.push({ service, level, ...bindings, ...fields, msg });
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: (more) => recorder(lines, service, { ...bindings, ...more }),
  };
}

const stops: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

/** The real mesh on loopback, every service logging into `lines`. */
async function startMesh(lines: Line[]): Promise<string> {
  const specialists = [
    [
      'knowledge',
      knowledgeCard,
      createKnowledgeExecutor({ knowledgeBase: new KnowledgeBase({ folder: defaultDocsFolder }) }),
    ],
    ['calculator', calculatorCard, createCalculatorExecutor()],
    ['writer', writerCard, createWriterExecutor()],
  ] as const;
  const urls: string[] = [];
  for (const [name, card, executor] of specialists) {
    const server: AgentServer = createAgentServer({ card, executor, logger: recorder(lines, name) });
    stops.push(() => server.close());
    urls.push(await server.listen());
  }
  const logger = recorder(lines, 'orchestrator');
  const directory = new AgentDirectory({ specialists: urls, logger });
  await directory.start();
  stops.push(() => directory.stop());
  const orchestrator = createAgentServer({
    get card() {
      return createOrchestratorCard(directory.agents());
    },
    executor: createOrchestratorExecutor({ directory, planner: new DeterministicPlanner(), logger }),
    logger,
  });
  stops.push(() => orchestrator.close());
  const gateway: Gateway = createGateway({
    orchestratorUrl: await orchestrator.listen(),
    logger: recorder(lines, 'gateway'),
  });
  stops.push(() => gateway.close());
  return gateway.listen();
}

async function ask(gateway: string, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await fetch(`${gateway}/api/tasks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const { task } = (await response.json()) as { task: { id: string; contextId: string } };
  const events = await (await fetch(`${gateway}/api/tasks/${task.id}/events`)).text();
  return { task, events };
}

describe('the mesh, end to end through the gateway', () => {
  it('carries one trace id from the gateway through the orchestrator to the specialists', async () => {
    const lines: Line[] = [];
    const gateway = await startMesh(lines);
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    const { events } = await ask(
      gateway,
      { text: 'what is 15% of 80 and find what the docs say about heartbeats' },
      { traceparent: `00-${traceId}-b7ad6b7169203331-01` },
    );
    expect(events).toMatch(/"state":"completed"[^\n]*"final":true/);
    await expect
      .poll(() => new Set(lines.filter((line) => line.traceId === traceId).map((line) => line.service)))
      .toEqual(new Set(['gateway', 'orchestrator', 'calculator', 'knowledge']));
    // Every line a specialist wrote about its task carries the trace.
    const specialistTaskLines = lines.filter(
      (line) => ['calculator', 'knowledge'].includes(line.service) && line.taskId,
    );
    expect(specialistTaskLines.length).toBeGreaterThan(0);
    for (const line of specialistTaskLines) expect(line.traceId).toBe(traceId);
  });

  it('lets a follow-up in the same conversation work on the previous answer', async () => {
    const lines: Line[] = [];
    const gateway = await startMesh(lines);
    const first = await ask(gateway, { text: 'find what the docs say about heartbeats' });
    expect(first.events).toMatch(/"state":"completed"/);
    const second = await ask(gateway, { text: 'summarize that in 1 sentence', contextId: first.task.contextId });
    expect(second.task.contextId).toBe(first.task.contextId);
    expect(second.events).toMatch(/"state":"completed"[^\n]*"final":true/);
    // The writer got the knowledge agent's earlier answer to work on: its summary is about heartbeats.
    expect(second.events).toMatch(/"agent":"writer"/);
    const answer = /"artifactId":"answer"[^\n]*/.exec(second.events)?.[0] ?? '';
    expect(answer.toLowerCase()).toContain('heartbeat');
  });
});
