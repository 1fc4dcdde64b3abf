import { pino } from 'pino';
import { createTaskStoreFromEnv } from '@a2a-mesh/redis-store';
import type { TaskStoreSetup } from '@a2a-mesh/redis-store';
import { createAgentServer, stopOnSignals } from '@a2a-mesh/server';
import { calculatorCard } from './calculator-card.ts';
import { createCalculatorExecutor } from './calculator-executor.ts';

const logger = pino({ name: 'calculator', level: process.env.LOG_LEVEL ?? 'info' });
const port = Number(process.env.PORT ?? 9102);
const host = process.env.HOST ?? '127.0.0.1';
// Tasks in memory, or with REDIS_URL in Redis, shared by every replica of this service.
let tasks: TaskStoreSetup;
try {
  tasks = createTaskStoreFromEnv(process.env, logger, { service: 'calculator' });
} catch (error) {
  console.error(`calculator: ${(error as Error).message}`);
  process.exit(1);
}

const server = createAgentServer({
  card: calculatorCard,
  executor: createCalculatorExecutor({ logger }),
  logger,
  ...tasks,
  // Behind a proxy or in a container, the URL clients reach this agent at (its card's `url`).
  ...(process.env.PUBLIC_URL ? { publicUrl: process.env.PUBLIC_URL } : {}),
});
try {
  const url = await server.listen(port, host);
  console.log(
    `\nCalculator ready.\n  card: ${url}/.well-known/agent-card.json\n  try:  npx -y pnpm@10 a2a stream ${url} "(2 + 3) * 4^2"\n`,
  );
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  console.error(code === 'EADDRINUSE' ? `Port ${port} is in use: set PORT to a free port.` : error);
  process.exit(1);
}
stopOnSignals([server], logger);
