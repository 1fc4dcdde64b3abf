import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname } from 'node:path';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBenchOptions } from './bench-options.ts';
import type { ScenarioName } from './bench-options.ts';
import { ClientPool } from './client/client-pool.ts';
import { loadAverage, machineInfo } from './machine.ts';
import { evaluateGoals } from './report/evaluate-goals.ts';
import type { BenchResults, LoadGeneratorReport, ProfileReport, ScenarioReport } from './report/results-model.ts';
import { writeResults } from './report/write-results.ts';
import type { BenchContext } from './scenarios/bench-context.ts';
import { DeploymentPool, framingEvents } from './scenarios/bench-context.ts';
import { concurrency } from './scenarios/concurrency.ts';
import { fanOut } from './scenarios/fan-out.ts';
import { idleStreams } from './scenarios/idle-streams.ts';
import { latency } from './scenarios/latency.ts';
import { checkLoadGenerator } from './scenarios/load-generator-check.ts';
import { profileServers } from './scenarios/profile-servers.ts';
import { resume } from './scenarios/resume.ts';
import { singleStream } from './scenarios/single-stream.ts';
import { redisStorePresent } from './servers/redis-store.ts';
import { startDeployment } from './targets/deployment.ts';
import { allTargets } from './targets/targets.ts';
import type { Target } from './targets/targets.ts';

/**
 * The benchmark: `npx -y pnpm@10 bench` (see README.md). Every scenario runs the same workload
 * against every target in one run, alternating targets over the repetitions; servers run in
 * their own processes, clients in others.
 */
const scenarios: Record<ScenarioName, (context: BenchContext) => Promise<ScenarioReport>> = {
  single: singleStream,
  latency,
  concurrency,
  idle: idleStreams,
  resume,
  fanout: fanOut,
};

/** Whether `ours + Redis` can run here: the package exists and streams a small task. */
async function redisTarget(pool: ClientPool): Promise<string | undefined> {
  if (!redisStorePresent()) return 'ours + Redis (packages/redis-store does not exist yet)';
  try {
    const deployment = await startDeployment('ours-redis');
    try {
      const target = allTargets.find((each) => each.name === 'ours-redis')!;
      const workload = { events: 100, ratePerSecond: 0, yieldEvery: 1 };
      const { result } = await pool.one(target.stream(deployment, workload), { timeoutMs: 30_000 });
      if (result.error || result.events < 100 + framingEvents) {
        return `ours + Redis (a test stream failed: ${result.error ?? `${result.events} events`})`;
      }
      return undefined;
    } finally {
      await deployment.stop();
    }
  } catch (error) {
    return `ours + Redis (${(error as Error).message.split('\n')[0]})`;
  }
}

/**
 * `--render <json>`: writes the markdown, goals and chart of an earlier run again, next to its
 * JSON; `--analysis <md>` adds a reading of the run (kept in the JSON, so later renders keep it).
 */
function render(path: string, out: string | undefined, analysis: string | undefined): void {
  const results = JSON.parse(readFileSync(path, 'utf8')) as BenchResults;
  if (analysis) results.analysis = readFileSync(analysis, 'utf8').trim();
  const ours = results.targets.some((target) => target.name === 'ours-redis') ? ['ours', 'ours-redis'] : ['ours'];
  results.goals = evaluateGoals(results.scenarios, ours as ('ours' | 'ours-redis')[]);
  const { files } = writeResults(results, out ?? dirname(path));
  console.log(`written: ${files.join(', ')} (and latest.*)`);
}

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  if (options.render) return render(options.render, options.out, options.analysis);
  const started = Date.now();
  const machine = machineInfo();
  const load = { start: loadAverage(), end: [] as number[] };
  const log = (message: string): void =>
    console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);
  log(
    `a2a-mesh benchmark${options.quick ? ' (quick)' : ''}: ${machine.cores} × ${machine.cpuModel}, Node ${machine.node}, load ${load.start.join(' ')}`,
  );
  const pool = await ClientPool.start(options.clients);
  try {
    const pending: string[] = [];
    let targets: Target[] = allTargets.filter((target) => !options.targets || options.targets.includes(target.name));
    if (targets.some((target) => target.name === 'ours-redis')) {
      const why = await redisTarget(pool);
      if (why) {
        pending.push(why);
        targets = targets.filter((target) => target.name !== 'ours-redis');
      }
    }
    const context: BenchContext = { options, pool, targets, deployments: new DeploymentPool(options.quick), log };
    log('load generator check (against the floor)');
    const loadGenerator: LoadGeneratorReport = targets.some((target) => target.name === 'floor')
      ? await checkLoadGenerator(context)
      : {};
    const reports: ScenarioReport[] = [];
    for (const name of options.scenarios) {
      log(`scenario ${name}`);
      reports.push(await scenarios[name](context));
    }
    await context.deployments.close();
    let profiles: ProfileReport[] = [];
    if (options.profile) {
      log('CPU profiles (single stream)');
      profiles = await profileServers(context);
    }
    load.end = loadAverage();
    const results: BenchResults = {
      machine,
      command: `pnpm bench ${process.argv.slice(2).join(' ')}`.trim(),
      options: { ...options },
      targets: targets.map(({ name, label }) => ({ name, label })),
      pending,
      load,
      durationS: (Date.now() - started) / 1000,
      loadGenerator,
      scenarios: reports,
      goals: evaluateGoals(
        reports,
        targets.some((target) => target.name === 'ours-redis') ? ['ours', 'ours-redis'] : ['ours'],
      ),
      profiles,
    };
    const folder =
      options.out ??
      (options.quick ? join(tmpdir(), 'a2a-mesh-bench-quick') : fileURLToPath(new URL('./results/', import.meta.url)));
    const { markdown, files } = writeResults(results, folder);
    console.log(`\n${markdown}`);
    log(`written: ${files.join(', ')} (and latest.*)`);
  } finally {
    await pool.stop();
  }
}

await main();
