import { monoMs } from '../clock.ts';
import { loadAverage } from '../machine.ts';
import type { ScenarioReport } from '../report/results-model.ts';
import { RowBuilder } from '../report/row-builder.ts';
import type { BenchContext } from './bench-context.ts';
import { burst, rotate, settle, streamProblem, warmUp } from './bench-context.ts';

/**
 * One task, many subscribers: a task waits at a gate while `fanout` clients resubscribe to it;
 * once each has its first event, the gate opens and the task publishes `fanoutEvents` updates.
 * Time from the gate opening to the last event at the last subscriber.
 */
export async function fanOut(context: BenchContext): Promise<ScenarioReport> {
  const { options, pool, targets } = context;
  const started = Date.now();
  const load = { start: loadAverage(), end: [] as number[] };
  const subscribers = options.fanout;
  const events = options.fanoutEvents;
  const rows = new RowBuilder()
    .declare({
      key: 'last',
      label: 'gate open → last event at last subscriber',
      unit: 'ms',
      better: 'lower',
      digits: 0,
    })
    .declare({
      key: 'eps',
      label: 'events/s delivered (all subscribers)',
      unit: 'events/s',
      better: 'higher',
      digits: 0,
    })
    .declare({ key: 'errors', label: 'failed subscribers', unit: 'streams', better: 'none', digits: 0 });
  const deployments = await context.deployments.acquire(targets);
  await warmUp(context, targets, deployments);
  for (let rep = 0; rep < options.reps; rep++) {
    for (const target of rotate(targets, rep)) {
      const deployment = deployments.get(target.deployment)!;
      const gate = `fanout-${rep}-${target.name}`;
      const taskId = await target.createTask(deployment, burst(events, options, gate));
      const request = target.resubscribe(deployment, taskId);
      const reading = pool.read(
        Array.from({ length: subscribers }, () => request),
        { timeoutMs: options.streamTimeoutS * 1000 + 60_000 },
      );
      await reading.ready;
      const opened = monoMs();
      await target.producer(deployment).release(gate);
      const results = (await reading.done).flatMap((report) => report.results);
      // Each subscriber gets at least the updates and the final status (the snapshot or replay before them varies).
      const failed = results.filter((result) => streamProblem(result, events + 1) !== undefined);
      const ok = results.filter((result) => !failed.includes(result));
      rows.add('errors', target.name, failed.length);
      if (failed[0]) rows.note('errors', target.name, streamProblem(failed[0], events + 1)!);
      if (ok.length > 0) {
        const last = Math.max(...ok.map((result) => result.lastDataAt ?? result.endedAt));
        rows.add('last', target.name, last - opened);
        rows.add('eps', target.name, ((ok.length * events) / (last - opened)) * 1000);
        context.log(`  ${target.name}: last event after ${Math.round(last - opened)} ms, ${failed.length} failed`);
      }
      await settle(target.processes(deployment));
    }
  }
  await context.deployments.release(deployments);
  load.end = loadAverage();
  return {
    id: 'fanout',
    title: 'Fan-out: one task, many subscribers',
    setup:
      `${subscribers} clients resubscribe to one task (the gateway: \`GET /api/tasks/:id/events\`) that waits; ` +
      `once all are attached it publishes ${events.toLocaleString('en-US')} status updates. ${options.reps} repetitions.`,
    rows: rows.rows(),
    notes: [],
    load,
    durationS: (Date.now() - started) / 1000,
  };
}
