import path from 'node:path';
import { pino } from 'pino';
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

const knowledgeBase = new KnowledgeBase({ folder });
const server = createAgentServer({
  card: knowledgeCard,
  executor: createKnowledgeExecutor({ knowledgeBase, logger }),
  logger,
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
