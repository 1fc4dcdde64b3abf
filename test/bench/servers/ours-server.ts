import { createAgentServer } from '@a2a-mesh/server';
import type { AgentServer } from '@a2a-mesh/server';
import { benchCard } from './bench-card.ts';
import { createBenchExecutor } from './bench-executor.ts';
import type { StoreSetup } from './redis-store.ts';

/** Options every server role takes. */
export interface RoleOptions {
  /** Port to listen on; any free one when absent. */
  port?: number;
  /** SSE heartbeat interval; the product's default (15 s) when absent. */
  heartbeatMs?: number;
}

/**
 * The benchmark agent on `@a2a-mesh/server` with its defaults (in-memory store, retention,
 * slow-reader limits), or with the Redis setup spread in; only the heartbeat is set when a
 * scenario asks for it.
 */
export function createOursServer(options: RoleOptions, tasks?: StoreSetup): AgentServer {
  return createAgentServer({
    card: benchCard,
    executor: createBenchExecutor(),
    ...tasks,
    ...(options.heartbeatMs === undefined ? {} : { sse: { heartbeatMs: options.heartbeatMs } }),
    shutdownDeadlineMs: 100,
  });
}
