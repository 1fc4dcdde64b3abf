import { pino } from 'pino';
import { LlmConfigError, createChatModel } from '@a2a-mesh/llm';
import type { ChatModelHandle } from '@a2a-mesh/llm';
import { createTaskStoreFromEnv } from '@a2a-mesh/redis-store';
import type { TaskStoreSetup } from '@a2a-mesh/redis-store';
import { createAgentServer, stopOnSignals } from '@a2a-mesh/server';
import { writerCard } from './writer-card.ts';
import { createWriterExecutor } from './writer-executor.ts';

const logger = pino({ name: 'writer', level: process.env.LOG_LEVEL ?? 'info' });
const port = Number(process.env.PORT ?? 9103);
const host = process.env.HOST ?? '127.0.0.1';

let llm: ChatModelHandle | undefined;
try {
  llm = createChatModel(process.env, logger);
} catch (error) {
  if (!(error instanceof LlmConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

// Tasks in memory, or with REDIS_URL in Redis, shared by every replica of this service.
let tasks: TaskStoreSetup;
try {
  tasks = createTaskStoreFromEnv(process.env, logger, { service: 'writer' });
} catch (error) {
  console.error(`writer: ${(error as Error).message}`);
  process.exit(1);
}

const server = createAgentServer({
  card: writerCard,
  executor: createWriterExecutor({ llm, logger }),
  logger,
  ...tasks,
  // Behind a proxy or in a container, the URL clients reach this agent at (its card's `url`).
  ...(process.env.PUBLIC_URL ? { publicUrl: process.env.PUBLIC_URL } : {}),
});
try {
  const url = await server.listen(port, host);
  const writing = llm
    ? `with ${llm.modelName} at ${llm.url}, deterministic when it fails`
    : 'deterministically (no LLM_* set)';
  console.log(
    `\nWriter agent ready, writing ${writing}.\n  card: ${url}/.well-known/agent-card.json\n` +
      `  try:  npx -y pnpm@10 a2a stream ${url} "summarize in 1 sentence: <your text>"\n`,
  );
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  console.error(code === 'EADDRINUSE' ? `Port ${port} is in use: set PORT to a free port.` : error);
  process.exit(1);
}
stopOnSignals([server], logger);

if (llm) {
  const { url, modelName } = llm;
  const readiness = await llm.ready();
  if (!readiness.ready) {
    logger.warn(
      { url, reason: readiness.reason },
      `LLM at ${url} is not reachable (${readiness.reason}); writing deterministically until it answers`,
    );
  } else if (!readiness.modelListed) {
    logger.warn({ url, model: modelName }, `LLM at ${url} answers but does not list the model ${modelName}`);
  } else {
    logger.info({ url, model: modelName }, `LLM at ${url} is ready`);
  }
}
