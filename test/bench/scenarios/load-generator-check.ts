import type { LoadGeneratorReport } from '../report/results-model.ts';
import { median } from '../stats.ts';
import { allTargets } from '../targets/targets.ts';
import type { BenchContext } from './bench-context.ts';
import { burst, cpuMicros, framingEvents, settle, warmUp } from './bench-context.ts';
import { burstFigures } from './concurrency.ts';

/**
 * Measures the load generator against the floor before anything else: how busy the client
 * process is while the floor streams as fast as it can (a client near 100 % would be the
 * bottleneck), and whether the concurrency burst gets faster with more client processes.
 */
export async function checkLoadGenerator(context: BenchContext): Promise<LoadGeneratorReport> {
  const floor = allTargets.find((target) => target.name === 'floor')!;
  const { options, pool } = context;
  const deployments = await context.deployments.acquire([floor]);
  const deployment = deployments.get('floor')!;
  const server = floor.processes(deployment);
  try {
    await warmUp(context, [floor], deployments);
    const reps = options.quick ? 1 : 3;
    const events = options.quick ? 2_000 : 10_000;
    const client: number[] = [];
    const busy: number[] = [];
    const rates: number[] = [];
    for (let rep = 0; rep < reps; rep++) {
      const before = await cpuMicros(server);
      const { result, report } = await pool.one(floor.stream(deployment, burst(events, options)));
      const serverMicros = (await cpuMicros(server)) - before;
      const elapsed = (result.lastDataAt ?? result.endedAt) - result.startedAt;
      client.push((report.cpuMicros / 1000 / report.wallMs) * 100);
      busy.push((serverMicros / 1000 / elapsed) * 100);
      rates.push((result.events / elapsed) * 1000);
      await settle(server);
    }
    const streams = options.concurrency;
    const one: number[] = [];
    const many: number[] = [];
    for (let rep = 0; rep < reps; rep++) {
      for (const workers of [1, pool.size]) {
        const requests = Array.from({ length: streams }, () =>
          floor.stream(deployment, burst(options.concurrencyEvents, options)),
        );
        const reports = await pool.read(requests, { timeoutMs: 120_000 }, workers).done;
        const figures = burstFigures(
          reports.flatMap((report) => report.results),
          options.concurrencyEvents + framingEvents,
        );
        (workers === 1 ? one : many).push((figures.events / figures.totalMs) * 1000);
        await settle(server);
      }
    }
    return {
      singleStream: {
        clientBusyPercent: median(client),
        serverBusyPercent: median(busy),
        eventsPerSecond: median(rates),
      },
      concurrency: { streams, oneProcess: median(one), manyProcesses: median(many), processes: pool.size },
    };
  } finally {
    await context.deployments.release(deployments);
  }
}
