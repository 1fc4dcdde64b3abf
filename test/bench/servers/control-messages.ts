/** The roles a server process can play. */
export type ServerRole = 'floor' | 'peer' | 'ours' | 'ours-redis' | 'specialist' | 'orchestrator' | 'gateway';

/** What a server process is started with. */
export interface ServerProcessOptions {
  /** Port to listen on; any free one when absent. */
  port?: number;
  heartbeatMs?: number;
  /** The specialist an orchestrator routes to. */
  specialistUrl?: string;
  /** The orchestrator a gateway fronts. */
  orchestratorUrl?: string;
  /** The Redis server of `ours-redis`. */
  redisUrl?: string;
}

/** A server process's memory and CPU time, as `process.memoryUsage()` and `process.cpuUsage()` see them. */
export interface ServerStats {
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  /** User plus system CPU time since the process started, in microseconds. */
  cpuMicros: number;
}

/** Commands the benchmark sends a server process over IPC. */
export type ControlRequest =
  | { id: number; cmd: 'stats'; gc: boolean }
  | { id: number; cmd: 'release'; gate: string }
  | { id: number; cmd: 'heap-snapshot'; path: string }
  | { id: number; cmd: 'stop' };

/** What a server process sends back. */
export type ControlMessage =
  | { type: 'ready'; url: string }
  | { type: 'failed'; error: string }
  | { type: 'reply'; id: number; stats?: ServerStats };
