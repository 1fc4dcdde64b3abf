import type { AgentServer } from './agent-server.ts';
import type { Logger } from './logger.ts';

/**
 * Stops the servers gracefully on SIGTERM or SIGINT (Ctrl-C); a second signal exits at once.
 * For services' entry points: libraries should not own the process.
 */
export function stopOnSignals(servers: readonly Pick<AgentServer, 'close'>[], logger: Logger): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'shutting down');
    void Promise.allSettled(servers.map((server) => server.close())).then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
