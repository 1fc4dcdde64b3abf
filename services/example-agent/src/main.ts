import { pino } from 'pino';
import { createTaskStoreFromEnv } from '@a2a-mesh/redis-store';
import type { TaskStoreSetup } from '@a2a-mesh/redis-store';
import { createAgentServer, stopOnSignals } from '@a2a-mesh/server';
import { echoCard } from './echo-card.ts';
import { createEchoExecutor } from './echo-executor.ts';

const logger = pino({ name: 'example-agent', level: process.env.LOG_LEVEL ?? 'info' });
const port = Number(process.env.PORT ?? 9101);
const host = process.env.HOST ?? '127.0.0.1';
// The pause between steps: a larger one makes a task slow enough to watch, or to kill mid-run.
const stepDelay = process.env.STEP_DELAY_MS?.trim();
if (stepDelay && !/^\d{1,7}$/.test(stepDelay)) {
  console.error(`example-agent: STEP_DELAY_MS: expected milliseconds, received ${JSON.stringify(stepDelay)}`);
  process.exit(1);
}
// Tasks in memory, or with REDIS_URL in Redis, shared by every replica of this service.
let tasks: TaskStoreSetup;
try {
  tasks = createTaskStoreFromEnv(process.env, logger, { service: 'example-agent' });
} catch (error) {
  console.error(`example-agent: ${(error as Error).message}`);
  process.exit(1);
}

const server = createAgentServer({
  card: echoCard,
  executor: createEchoExecutor(stepDelay ? { stepDelayMs: Number(stepDelay) } : {}),
  logger,
  ...tasks,
  // Behind a proxy or in a container, the URL clients reach this agent at (its card's `url`).
  ...(process.env.PUBLIC_URL ? { publicUrl: process.env.PUBLIC_URL } : {}),
});
try {
  const url = await server.listen(port, host);
  console.log(
    `\nExample agent ready.\n  card: ${url}/.well-known/agent-card.json\n  try:  npx -y pnpm@10 a2a stream ${url} "hello mesh"\n`,
  );
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  console.error(code === 'EADDRINUSE' ? `Port ${port} is in use: set PORT to a free port.` : error);
  process.exit(1);
}
stopOnSignals([server], logger);
