import { createGateway } from '@a2a-mesh/gateway';
import type { Gateway } from '@a2a-mesh/gateway';
import { AgentDirectory, createOrchestratorCard, createOrchestratorExecutor } from '@a2a-mesh/orchestrator';
import { createAgentServer, silentLogger } from '@a2a-mesh/server';
import { sleep } from '../clock.ts';
import type { AgentServer } from '@a2a-mesh/server';
import type { RoleOptions } from './ours-server.ts';
import { RouteAllPlanner } from './route-all-planner.ts';

/** A started mesh service: its URL and how to stop it. */
export interface Started {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The real orchestrator (`createOrchestratorExecutor`, live relay with provenance) in front of one
 * specialist, with a planner that routes everything to it; otherwise as `services/orchestrator`
 * starts it.
 */
export async function startOrchestrator(options: RoleOptions & { specialistUrl: string }): Promise<Started> {
  const directory = new AgentDirectory({
    specialists: [options.specialistUrl],
    logger: silentLogger,
    refreshIntervalMs: 600_000,
  });
  await directory.start();
  // The specialist starts at the same time as this process: read its card until it answers.
  for (let attempt = 0; attempt < 100 && !directory.agents().some((agent) => agent.healthy); attempt++) {
    await sleep(100);
    await directory.refresh();
  }
  const server: AgentServer = createAgentServer({
    card: createOrchestratorCard(directory.agents()),
    executor: createOrchestratorExecutor({ directory, planner: new RouteAllPlanner(), logger: silentLogger }),
    ...(options.heartbeatMs === undefined ? {} : { sse: { heartbeatMs: options.heartbeatMs } }),
    shutdownDeadlineMs: 100,
  });
  const url = await server.listen(options.port ?? 0, '127.0.0.1');
  return {
    url,
    close: async () => {
      directory.stop();
      await server.close();
    },
  };
}

/**
 * The real gateway in front of the orchestrator. Its per-client limits (6 streams, 60 requests a
 * minute) protect a deployment from one browser; the benchmark is one client with thousands of
 * streams, so they are lifted. Everything on the stream path stays as shipped.
 */
export async function startGateway(options: RoleOptions & { orchestratorUrl: string }): Promise<Started> {
  const gateway: Gateway = createGateway({
    orchestratorUrl: options.orchestratorUrl,
    nodeEnv: 'test',
    maxStreamsPerClient: 1_000_000,
    rateLimit: { limit: 1_000_000_000 },
    shutdownGraceMs: 100,
    ...(options.heartbeatMs === undefined ? {} : { sse: { heartbeatMs: options.heartbeatMs } }),
  });
  const url = await gateway.listen(options.port ?? 0, '127.0.0.1');
  return { url, close: () => gateway.close() };
}
