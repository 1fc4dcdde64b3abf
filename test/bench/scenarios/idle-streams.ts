import { monoMs, sleep } from '../clock.ts';
import { loadAverage } from '../machine.ts';
import type { ScenarioReport } from '../report/results-model.ts';
import { RowBuilder } from '../report/row-builder.ts';
import type { ServerStats } from '../servers/control-messages.ts';
import type { StreamResult } from '../sse/sse-stream-reader.ts';
import { summarize } from '../stats.ts';
import { startDeployment } from '../targets/deployment.ts';
import type { BenchContext } from './bench-context.ts';
import { burst, rotate, streamProblem } from './bench-context.ts';

const kib = 1024;
/** Streams each client process has waiting for their first event at once. */
const openingPerClient = 100;

/**
 * Idle open streams: `size` tasks that publish one status and then wait, each followed by one
 * client stream, on servers started fresh for every measurement (with a short heartbeat) so that
 * the memory they gain is the streams' alone. Memory per stream is the growth of the target's
 * server processes (RSS, and V8 heap + external memory, each after two forced GCs) divided by
 * the streams; heartbeat jitter is how far the gaps between the heartbeats a client sees stray
 * from the interval.
 */
export async function idleStreams(context: BenchContext): Promise<ScenarioReport> {
  const { options, pool, targets } = context;
  const started = Date.now();
  const load = { start: loadAverage(), end: [] as number[] };
  const rows = new RowBuilder();
  for (const size of options.idle) {
    const label = size.toLocaleString('en-US');
    rows
      .declare({
        key: `open-${size}`,
        label: `${label} idle: time to open all`,
        unit: 'ms',
        better: 'lower',
        digits: 0,
      })
      .declare({
        key: `rss-${size}`,
        label: `${label} idle: server RSS per stream`,
        unit: 'KiB',
        better: 'lower',
        digits: 1,
      })
      .declare({
        key: `heap-${size}`,
        label: `${label} idle: server heap+external per stream`,
        unit: 'KiB',
        better: 'lower',
        digits: 1,
      })
      .declare({
        key: `jit50-${size}`,
        label: `${label} idle: heartbeat jitter p50`,
        unit: 'ms',
        better: 'lower',
        digits: 1,
      })
      .declare({
        key: `jit99-${size}`,
        label: `${label} idle: heartbeat jitter p99`,
        unit: 'ms',
        better: 'lower',
        digits: 1,
      })
      .declare({
        key: `jitmax-${size}`,
        label: `${label} idle: heartbeat jitter max`,
        unit: 'ms',
        better: 'lower',
        digits: 1,
      })
      .declare({
        key: `errors-${size}`,
        label: `${label} idle: failed streams`,
        unit: 'streams',
        better: 'none',
        digits: 0,
      });
    for (let rep = 0; rep < options.idleReps; rep++) {
      for (const target of rotate(targets, rep)) {
        const deployment = await startDeployment(target.deployment, { heartbeatMs: options.heartbeatMs });
        try {
          const processes = target.processes(deployment);
          await context.pool.one(target.stream(deployment, burst(20, options)), { timeoutMs: 30_000 });
          await sleep(300);
          const before = await Promise.all(processes.map((server) => server.stats(true)));
          const gate = `idle-${size}-${rep}-${target.name}`;
          const request = target.stream(deployment, burst(0, options, gate));
          const opening = monoMs();
          const reading = pool.read(
            Array.from({ length: size }, () => request),
            // Opened at a steady pace: a burst of thousands of connects overflows a server's accept
            // queue (Node listens with a backlog of 511), which is the concurrency scenario's subject,
            // not this one's. Opening through the mesh starts an orchestrator run: 60 ms per stream.
            {
              hold: true,
              maxOpening: openingPerClient,
              timeoutMs: Math.max(120_000, size * 60) + options.idleObserveMs,
            },
          );
          await reading.ready;
          const openMs = monoMs() - opening;
          await sleep(options.idleObserveMs);
          const after = await Promise.all(processes.map((server) => server.stats(true)));
          const closing = monoMs();
          reading.close();
          const results = (await reading.done).flatMap((report) => report.results);
          // A held stream ends when closed, without an error. One that failed to open, dropped, or
          // ended by itself (its task failed, say) before that is a failure.
          const errors = results.filter(
            (result) => result.error !== undefined || result.firstDataAt === undefined || result.endedAt < closing,
          );
          const open = size - errors.length;
          rows.add(`open-${size}`, target.name, openMs);
          if (open > 0) {
            rows.add(`rss-${size}`, target.name, grown(before, after, (stats) => stats.rss) / open / kib);
            rows.add(
              `heap-${size}`,
              target.name,
              grown(before, after, (stats) => stats.heapUsed + stats.external) / open / kib,
            );
          }
          rows.add(`errors-${size}`, target.name, errors.length);
          for (const [problem, count] of countProblems(errors)) {
            rows.note(`errors-${size}`, target.name, `${count} × ${problem}`);
          }
          if (target.heartbeats) {
            const jitter = heartbeatJitter(results, options.heartbeatMs);
            if (jitter.length === 0) rows.note(`jit99-${size}`, target.name, 'no heartbeats seen');
            else {
              const { p50, p99, max } = summarize(jitter);
              rows.add(`jit50-${size}`, target.name, p50);
              rows.add(`jit99-${size}`, target.name, p99);
              rows.add(`jitmax-${size}`, target.name, max);
            }
          } else {
            for (const key of ['jit50', 'jit99', 'jitmax'])
              rows.note(`${key}-${size}`, target.name, 'sends no heartbeats');
          }
          context.log(
            `  ${target.name} ${label}: open ${Math.round(openMs)} ms, ` +
              `${(grown(before, after, (stats) => stats.rss) / size / kib).toFixed(1)} KiB RSS/stream, ${errors.length} errors`,
          );
        } finally {
          await deployment.stop();
        }
      }
    }
  }
  load.end = loadAverage();
  return {
    id: 'idle',
    title: 'Idle open streams',
    setup:
      `${options.idle.map((size) => size.toLocaleString('en-US')).join(' and ')} streams held open on tasks that ` +
      `wait (opened ${openingPerClient} at a time per client process), servers restarted for each measurement ` +
      `with a ${options.heartbeatMs} ms heartbeat, observed for ` +
      `${options.idleObserveMs} ms; ${options.idleReps} repetitions. The mesh counts every process a stream ` +
      `crosses (specialist + orchestrator, + gateway).`,
    rows: rows.rows(),
    notes: [],
    load,
    durationS: (Date.now() - started) / 1000,
  };
}

/** Distinct problems of failed streams (numbers masked), with how many streams had each. */
function countProblems(failed: readonly StreamResult[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const result of failed) {
    const problem = (result.error ?? endedEarly(result)).replace(/\d[\d,]*/g, 'N').slice(0, 200);
    counts.set(problem, (counts.get(problem) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, 3);
}

function endedEarly(result: StreamResult): string {
  if (result.firstDataAt === undefined) return 'no first event';
  return `ended before it was closed${streamProblem(result, Number.MAX_SAFE_INTEGER)?.replace(/^delivered [^,]*/, '') ?? ''}`;
}

function grown(
  before: readonly ServerStats[],
  after: readonly ServerStats[],
  pick: (stats: ServerStats) => number,
): number {
  return after.reduce((sum, stats, index) => sum + pick(stats) - pick(before[index]!), 0);
}

/** |gap − interval| for every pair of consecutive heartbeats on every stream, after its first event. */
function heartbeatJitter(results: readonly StreamResult[], intervalMs: number): number[] {
  const jitter: number[] = [];
  for (const result of results) {
    const times = (result.comments ?? []).filter((time) => time >= (result.firstDataAt ?? 0));
    for (let index = 1; index < times.length; index++) {
      jitter.push(Math.abs(times[index]! - times[index - 1]! - intervalMs));
    }
  }
  return jitter;
}
