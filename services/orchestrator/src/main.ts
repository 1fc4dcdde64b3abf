import { pino } from 'pino';
import { LlmConfigError } from '@a2a-mesh/llm';
import { createTaskStoreFromEnv } from '@a2a-mesh/redis-store';
import type { TaskStoreSetup } from '@a2a-mesh/redis-store';
import { createAgentServer, stopOnSignals } from '@a2a-mesh/server';
import type { AgentServerOptions } from '@a2a-mesh/server';
import { AgentDirectory } from './agent-directory.ts';
import { DirectoryConfigError, readDirectoryConfig } from './directory-config.ts';
import { createOrchestratorCard } from './orchestrator-card.ts';
import { createOrchestratorExecutor } from './orchestrator-executor.ts';
import { selectPlanner } from './select-planner.ts';

const logger = pino({ name: 'orchestrator', level: process.env.LOG_LEVEL ?? 'info' });
const port = Number(process.env.PORT ?? 9100);
const host = process.env.HOST ?? '127.0.0.1';

let configured;
try {
  configured = { directory: readDirectoryConfig(process.env), planner: selectPlanner(process.env, logger) };
} catch (error) {
  if (!(error instanceof DirectoryConfigError) && !(error instanceof LlmConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
const { directory: config, planner } = configured;
// Tasks in memory, or with REDIS_URL in Redis, shared by every replica of this service.
let tasks: TaskStoreSetup;
try {
  tasks = createTaskStoreFromEnv(process.env, logger, { service: 'orchestrator' });
} catch (error) {
  console.error(`orchestrator: ${(error as Error).message}`);
  process.exit(1);
}

const directory = new AgentDirectory({
  specialists: config.specialists,
  refreshIntervalMs: config.refreshIntervalMs,
  logger,
});
const options: AgentServerOptions = {
  // A getter: the server reads its card each time it serves it, so the card follows the
  // directory as specialists come and go.
  get card() {
    return createOrchestratorCard(directory.agents());
  },
  executor: createOrchestratorExecutor({ directory, planner, logger }),
  logger,
  ...tasks,
  // Behind a proxy or in a container, the URL clients reach this agent at (its card's `url`).
  ...(process.env.PUBLIC_URL ? { publicUrl: process.env.PUBLIC_URL } : {}),
  // Not A2A: the specialists' health and cards, for the gateway's agents list.
  routes: (app) => app.get('/agents', (_request, response) => response.json({ agents: directory.agents() })),
  ready: async () => {
    const store = (await tasks.ready?.()) ?? true;
    if (store !== true) return store;
    return directory.agents().some((agent) => agent.healthy) ? true : 'no specialist answers yet';
  },
};
const server = createAgentServer(options);
// The first read of every card, so that the first request is planned against what answers.
await directory.start();
try {
  const url = await server.listen(port, host);
  const agents = directory.agents();
  const healthy = agents.filter((agent) => agent.healthy).map((agent) => agent.key);
  const down = agents.filter((agent) => !agent.healthy).map((agent) => `${agent.url} (${agent.problem})`);
  console.log(
    `\nOrchestrator ready: ${healthy.length} of ${agents.length} specialists answer` +
      `${healthy.length > 0 ? ` (${healthy.join(', ')})` : ''}, from ${config.source}.\n` +
      (down.length > 0 ? `  not answering yet: ${down.join('; ')}\n` : '') +
      `  card: ${url}/.well-known/agent-card.json\n` +
      `  try:  npx -y pnpm@10 a2a stream ${url} "what is 15% of 80 and how long are finished tasks kept?"\n`,
  );
} catch (error) {
  directory.stop();
  const code = (error as NodeJS.ErrnoException).code;
  console.error(code === 'EADDRINUSE' ? `Port ${port} is in use: set PORT to a free port.` : error);
  process.exit(1);
}
stopOnSignals(
  [
    server,
    {
      close: async () => directory.stop(),
    },
  ],
  logger,
);
