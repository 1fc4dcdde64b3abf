import { loadAverage } from '../machine.ts';
import type { Cell, MetricRow, ScenarioReport } from '../report/results-model.ts';
import { RowBuilder } from '../report/row-builder.ts';
import { startDeployment } from '../targets/deployment.ts';
import type { Deployment, DeploymentName } from '../targets/deployment.ts';
import type { TargetName } from '../targets/targets.ts';
import type { BenchContext } from './bench-context.ts';
import { burst, cpuMicros, endReason, framingEvents, rotate, settle, streamProblem, warmUp } from './bench-context.ts';

const sizeLabel = (size: number): string => size.toLocaleString('en-US');

/**
 * One stream, one task of `size` status updates (its history grows with each), for every size:
 * events/s and bytes/s at the client, server CPU time per event, and how busy the client was.
 * A run past the time limit is stopped: its rate is then an upper bound, the target is not run
 * again at that size, and its servers are restarted so that work left behind disturbs no one.
 */
export async function singleStream(context: BenchContext): Promise<ScenarioReport> {
  const { options, pool, targets } = context;
  const started = Date.now();
  const load = { start: loadAverage(), end: [] as number[] };
  const rows = new RowBuilder();
  const notes: string[] = [];
  let deployments: Map<DeploymentName, Deployment> | undefined;
  let previous = 0;
  for (const size of options.sizes) {
    const label = sizeLabel(size);
    rows
      .declare({
        key: `eps-${size}`,
        label: `${label} events: events/s`,
        unit: 'events/s',
        better: 'higher',
        digits: 0,
      })
      .declare({ key: `mbps-${size}`, label: `${label} events: MB/s`, unit: 'MB/s', better: 'higher', digits: 1 })
      .declare({
        key: `cpu-${size}`,
        label: `${label} events: server CPU µs/event`,
        unit: 'µs',
        better: 'lower',
        digits: 1,
      })
      .declare({
        key: `client-${size}`,
        label: `${label} events: client CPU busy`,
        unit: '%',
        better: 'none',
        digits: 0,
      });
    // Fresh servers after a large size: the tasks it left (kept for their retention time) would
    // weigh on the next size's garbage collections.
    if (deployments && previous >= 10_000) {
      await context.deployments.release(deployments);
      deployments = undefined;
    }
    previous = size;
    deployments ??= await context.deployments.acquire(targets);
    await warmUp(context, targets, deployments);
    const stopped = new Set<TargetName>();
    /** Runs that delivered fewer events than they should, by target: how each ended → what each delivered. */
    const shortfalls = new Map<string, Map<string, string[]>>();
    for (let rep = 0; rep < options.reps; rep++) {
      for (const target of rotate(targets, rep)) {
        if (stopped.has(target.name)) continue;
        const deployment = deployments.get(target.deployment)!;
        const processes = target.processes(deployment);
        const cpuBefore = await cpuMicros(processes);
        const { result, report } = await pool.one(target.stream(deployment, burst(size, options)), {
          timeoutMs: options.streamTimeoutS * 1000,
        });
        const cpu = (await cpuMicros(processes)) - cpuBefore;
        const elapsedMs = (result.lastDataAt ?? result.endedAt) - result.startedAt;
        const problem = streamProblem(result, size + framingEvents);
        if (problem?.startsWith('timed out')) {
          const eventsPerSecond = (result.events / elapsedMs) * 1000;
          rows.add(`eps-${size}`, target.name, eventsPerSecond);
          rows.note(
            `eps-${size}`,
            target.name,
            `stopped after ${options.streamTimeoutS} s at ${result.events.toLocaleString('en-US')} events`,
            '≤',
          );
          stopped.add(target.name);
          context.log(`  ${target.name} ${label}: stopped at the time limit; restarting its servers`);
          await deployment.stop();
          deployments.set(target.deployment, await startDeployment(target.deployment));
          continue;
        }
        if (problem) {
          const short = result.error ?? `delivered ${result.events.toLocaleString('en-US')} of ${label}`;
          const ending = result.error ? '' : endReason(result.lastData);
          const byEnding = shortfalls.get(`${size} ${target.name}`) ?? new Map<string, string[]>();
          byEnding.set(ending, [...(byEnding.get(ending) ?? []), short]);
          shortfalls.set(`${size} ${target.name}`, byEnding);
          context.log(`  ${target.name} ${label}: ${problem}`);
          await settle(processes);
          continue;
        }
        rows.add(`eps-${size}`, target.name, (result.events / elapsedMs) * 1000);
        rows.add(`mbps-${size}`, target.name, result.bytes / elapsedMs / 1000);
        rows.add(`cpu-${size}`, target.name, cpu / result.events);
        rows.add(`client-${size}`, target.name, (report.cpuMicros / 1000 / report.wallMs) * 100);
        context.log(`  ${target.name} ${label}: ${Math.round((result.events / elapsedMs) * 1000)} events/s`);
        await settle(processes);
      }
    }
    for (const target of targets) {
      const runs = shortfalls.get(`${size} ${target.name}`);
      if (!runs) continue;
      const count = [...runs.values()].flat().length;
      const parts = [...runs].map(([ending, delivered]) => `${delivered.join('; ')}${ending}`);
      rows.note(`eps-${size}`, target.name, `${count} of ${options.reps} runs fell short: ${parts.join(' — ')}`);
    }
  }
  if (deployments) await context.deployments.release(deployments);
  const built = rows.rows();
  addSizeRatio(built, options.sizes);
  load.end = loadAverage();
  if (options.yieldEvery === 1)
    notes.push('The producer yields to the event loop after every event (`--yield-every 1`).');
  return {
    id: 'single-stream',
    title: 'One stream: throughput as the task grows',
    setup:
      `One client reads one \`message/stream\` whose task publishes N status updates as fast as the producer can ` +
      `(each with a short text message, so the task's history grows by one message per event), then an ` +
      `artifact and \`completed\`. Sizes ${options.sizes.map(sizeLabel).join(', ')}; ${options.reps} repetitions; ` +
      `runs longer than ${options.streamTimeoutS} s are stopped.`,
    rows: built,
    notes,
    load,
    durationS: (Date.now() - started) / 1000,
  };
}

/**
 * Appends "events/s at the largest size ÷ at the smallest" (1: the cost per event stays flat as
 * the task grows; the smallest size also carries the stream's fixed costs), and "server CPU per
 * event at the largest size ÷ at the next one", which leaves those fixed costs out.
 */
function addSizeRatio(rows: MetricRow[], sizes: readonly number[]): void {
  const sorted = [...new Set(sizes)].sort((a, b) => a - b);
  if (sorted.length < 2) return;
  const [small, next, large] = [sorted[0]!, sorted.at(-2)!, sorted.at(-1)!];
  const ratios = new RowBuilder()
    .declare({
      key: 'flat',
      label: `events/s at ${sizeLabel(large)} ÷ at ${sizeLabel(small)}`,
      unit: '×',
      better: 'higher',
      digits: 2,
    })
    .declare({
      key: 'flat-cpu',
      label: `server CPU per event at ${sizeLabel(large)} ÷ at ${sizeLabel(next)}`,
      unit: '×',
      better: 'lower',
      digits: 2,
    });
  const ratio = (key: string, top: string, bottom: string): void => {
    const upper = rows.find((row) => row.key === top);
    const lower = rows.find((row) => row.key === bottom);
    for (const [target, cell] of Object.entries(upper?.cells ?? {}) as [TargetName, Cell][]) {
      const base = lower?.cells[target]?.median;
      if (cell.median === undefined || base === undefined) continue;
      ratios.add(key, target, cell.median / base);
      if (cell.bound) ratios.note(key, target, 'upper bound', cell.bound);
    }
  };
  ratio('flat', `eps-${large}`, `eps-${small}`);
  ratio('flat-cpu', `cpu-${large}`, `cpu-${next}`);
  rows.push(...ratios.rows());
}
