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
import { createAgentServer, silentLogger } from '@a2a-mesh/server';
import type { AgentServer } from '@a2a-mesh/server';
import { createWriterExecutor, writerCard } from '@a2a-mesh/writer';
import { NodeHook } from './hold-gate.ts';

/** The real mesh on loopback: three specialists, the orchestrator and the gateway with the web UI. */
export interface Mesh {
  /** The gateway: the web UI at `/`, the API at `/api`. */
  readonly gatewayUrl: string;
  readonly orchestratorUrl: string;
  /** Each specialist's `beforeNode` hook, for a test to hold one of its graph's nodes. */
  readonly hooks: { readonly knowledge: NodeHook; readonly calculator: NodeHook; readonly writer: NodeHook };
  /**
   * Stops the gateway (its open streams end, as in a deploy), waits `downMs`, and starts a new one
   * on the same port. The gateway keeps no state: browsers resume through the new one.
   */
  restartGateway(downMs: number): Promise<void>;
  close(): Promise<void>;
}

/** Options of {@link startMesh}. */
export interface MeshOptions {
  /** The gateway's SSE `retry:` hint: how long a browser waits before it reconnects. */
  retryMs?: number;
}

/**
 * Starts the real specialists (knowledge over this repository's docs, calculator, writer), the
 * real orchestrator with the deterministic planner and a directory of those three, and the real
 * gateway in front of it, each on 127.0.0.1 port 0.
 */
export async function startMesh(options: MeshOptions = {}): Promise<Mesh> {
  const hooks = { knowledge: new NodeHook(), calculator: new NodeHook(), writer: new NodeHook() };
  const servers: AgentServer[] = [];
  let directory: AgentDirectory | undefined;
  let gateway: Gateway | undefined;
  const close = async (): Promise<void> => {
    directory?.stop();
    await gateway?.close();
    await Promise.all(
      servers
        .splice(0)
        .reverse()
        .map((server) => server.close()),
    );
  };
  try {
    const specialists = [
      createAgentServer({
        card: knowledgeCard,
        executor: createKnowledgeExecutor({
          knowledgeBase: new KnowledgeBase({ folder: defaultDocsFolder }),
          beforeNode: hooks.knowledge.beforeNode,
        }),
        shutdownDeadlineMs: 100,
      }),
      createAgentServer({
        card: calculatorCard,
        executor: createCalculatorExecutor({ beforeNode: hooks.calculator.beforeNode }),
        shutdownDeadlineMs: 100,
      }),
      createAgentServer({
        card: writerCard,
        executor: createWriterExecutor({ beforeNode: hooks.writer.beforeNode }),
        shutdownDeadlineMs: 100,
      }),
    ];
    servers.push(...specialists);
    const urls = await Promise.all(specialists.map((server) => server.listen(0, '127.0.0.1')));
    const known = new AgentDirectory({ specialists: urls, logger: silentLogger, refreshIntervalMs: 60_000 });
    directory = known;
    await known.start();
    const orchestrator = createAgentServer({
      card: createOrchestratorCard(known.agents()),
      executor: createOrchestratorExecutor({
        directory: known,
        planner: new DeterministicPlanner(),
        logger: silentLogger,
      }),
      routes: (app) => app.get('/agents', (_request, response) => void response.json({ agents: known.agents() })),
      shutdownDeadlineMs: 100,
    });
    servers.push(orchestrator);
    const orchestratorUrl = await orchestrator.listen(0, '127.0.0.1');
    const startGateway = (): Gateway =>
      createGateway({
        orchestratorUrl,
        nodeEnv: 'test',
        rateLimit: { limit: 10_000 },
        shutdownGraceMs: 500,
        ...(options.retryMs === undefined ? {} : { sse: { retryMs: options.retryMs } }),
      });
    gateway = startGateway();
    const gatewayUrl = await gateway.listen(0, '127.0.0.1');
    return {
      gatewayUrl,
      orchestratorUrl,
      hooks,
      async restartGateway(downMs) {
        await gateway?.close();
        gateway = undefined;
        await new Promise((resolve) => setTimeout(resolve, downMs));
        gateway = startGateway();
        await gateway.listen(Number(new URL(gatewayUrl).port), '127.0.0.1');
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
