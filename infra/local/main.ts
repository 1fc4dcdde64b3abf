import { launchReplicas } from './launch-replicas.ts';
import type { RunningReplicas } from './launch-replicas.ts';

/*
 * `node --import tsx infra/local/main.ts`: the multi-replica topology on this machine, until
 * Ctrl-C. REDIS_URL uses that Redis instead of starting one; NGINX=off skips nginx even when it
 * is installed.
 */
const print = (line: string): void => void process.stdout.write(`${line}\n`);
const launching = new AbortController();
let running: RunningReplicas | undefined;
let stopping = false;

// The processes are not in this one's process group (Ctrl-C reaches this one only): it stops
// them in order on a signal, and none may outlive it, however it ends.
const stop = (signal: NodeJS.Signals): void => {
  if (stopping) return;
  stopping = true;
  print(`\n${signal}: stopping every process…`);
  if (!running) return launching.abort();
  void running.stop().then(() => {
    print('a2a-mesh replicas stopped.');
    process.exit(0);
  });
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stop);
process.on('exit', () => running?.killNow());

print('Starting a2a-mesh replicas: redis, specialists, orchestrators, gateways, nginx…');
try {
  running = await launchReplicas({
    env: process.env,
    redisUrl: process.env.REDIS_URL || undefined,
    nginx: process.env.NGINX === 'off' ? 'off' : 'auto',
    print,
    signal: launching.signal,
  });
} catch (error) {
  process.stderr.write(`\nCould not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

print(
  [
    '',
    '  a2a-mesh replicas are up.',
    running.nginxUrl
      ? `  UI (nginx, over ${running.urls.gateway.length} gateways): ${running.nginxUrl}/`
      : `  nginx is not installed: open a gateway directly, ${running.urls.gateway.map((url) => `${url}/`).join(' or ')}`,
    ...(running.nginxAccessLog ? [`  nginx log        ${running.nginxAccessLog}`] : []),
    `  redis            ${running.redisUrl}`,
    ...running.replicas.map((replica) => `  ${replica.name.padEnd(16)} ${replica.url}`),
    '  Ctrl-C stops everything.',
    '',
  ].join('\n'),
);

void running.crashed.then(async ({ name, code, signal }) => {
  if (stopping) return;
  stopping = true;
  process.stderr.write(`\n${name} stopped on its own (${signal ?? `exit code ${code}`}): stopping the rest.\n`);
  await running!.stop();
  process.exit(1);
});
