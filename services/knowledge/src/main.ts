import path from 'node:path';
import { pino } from 'pino';
import { createTaskStoreFromEnv } from '@a2a-mesh/redis-store';
import type { TaskStoreSetup } from '@a2a-mesh/redis-store';
import { createAgentServer, stopOnSignals } from '@a2a-mesh/server';
import { defaultDocsFolder } from './default-docs-folder.ts';
import { KnowledgeBase } from './knowledge-base.ts';
import { knowledgeCard } from './knowledge-card.ts';
import { createKnowledgeExecutor } from './knowledge-executor.ts';

const logger = pino({ name: 'knowledge', level: process.env.LOG_LEVEL ?? 'info' });
const port = Number(process.env.PORT ?? 9101);
const host = process.env.HOST ?? '127.0.0.1';
// A folder given on the command line's environment is relative to where the agent is started.
const folder = process.env.KNOWLEDGE_DOCS ? path.resolve(process.env.KNOWLEDGE_DOCS) : defaultDocsFolder;

// Tasks in memory, or with REDIS_URL in Redis, shared by every replica of this service.
let tasks: TaskStoreSetup;
try {
  tasks = createTaskStoreFromEnv(process.env, logger, { service: 'knowledge' });
} catch (error) {
  console.error(`knowledge: ${(error as Error).message}`);
  process.exit(1);
}

const knowledgeBase = new KnowledgeBase({ folder });
const server = createAgentServer({
  card: knowledgeCard,
  executor: createKnowledgeExecutor({ knowledgeBase, logger }),
  logger,
  ...tasks,
  // Behind a proxy or in a container, the URL clients reach this agent at (its card's `url`).
  ...(process.env.PUBLIC_URL ? { publicUrl: process.env.PUBLIC_URL } : {}),
});
try {
  const url = await server.listen(port, host);
  console.log(
    `\nKnowledge agent ready, searching ${folder}.\n  card: ${url}/.well-known/agent-card.json\n` +
      `  try:  npx -y pnpm@10 a2a stream ${url} "How does resubscribe with Last-Event-ID work?"\n`,
  );
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  console.error(code === 'EADDRINUSE' ? `Port ${port} is in use: set PORT to a free port.` : error);
  process.exit(1);
}
// Index now, so that the first question does not wait; a missing folder fails each question clearly.
knowledgeBase.warm().then(
  (report) => logger.info({ folder, ...report }, 'docs indexed'),
  (error: unknown) => logger.warn({ folder, err: error }, 'docs not indexed'),
);
stopOnSignals([server], logger);
