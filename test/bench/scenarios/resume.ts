import { loadAverage } from '../machine.ts';
import type { ScenarioReport } from '../report/results-model.ts';
import { RowBuilder } from '../report/row-builder.ts';
import { taskIdOf } from '../targets/targets.ts';
import type { BenchContext } from './bench-context.ts';
import { burst, framingEvents, rotate, settle, streamProblem, warmUp } from './bench-context.ts';

/**
 * Resume from a cursor: a task streams `resumeEvents` status updates live; then a
 * `tasks/resubscribe` with `Last-Event-ID` set `resumeEvents` events before its end replays them
 * from the log. Time to the last replayed event against the time the live stream took.
 */
export async function resume(context: BenchContext): Promise<ScenarioReport> {
  const { options, pool } = context;
  const started = Date.now();
  const load = { start: loadAverage(), end: [] as number[] };
  const events = options.resumeEvents;
  const rows = new RowBuilder()
    .declare({
      key: 'live',
      label: `stream ${events.toLocaleString('en-US')} events live`,
      unit: 'ms',
      better: 'lower',
      digits: 0,
    })
    .declare({
      key: 'replay',
      label: `replay ${events.toLocaleString('en-US')} events from a cursor`,
      unit: 'ms',
      better: 'lower',
      digits: 0,
    })
    .declare({ key: 'ratio', label: 'replay ÷ live', unit: '×', better: 'lower', digits: 2 })
    .declare({ key: 'eps', label: 'replayed events/s', unit: 'events/s', better: 'higher', digits: 0 });
  const targets = context.targets.filter((target) => target.replays);
  for (const target of context.targets.filter((each) => !each.replays)) {
    rows.note('replay', target.name, 'no replay: its resubscribe sends the task snapshot, then live events');
  }
  const deployments = await context.deployments.acquire(targets);
  await warmUp(context, targets, deployments);
  for (let rep = 0; rep < options.reps; rep++) {
    for (const target of rotate(targets, rep)) {
      const deployment = deployments.get(target.deployment)!;
      const { result: live } = await pool.one(target.stream(deployment, burst(events, options)), {
        captureFirstData: true,
        timeoutMs: options.streamTimeoutS * 1000,
      });
      const liveProblem = streamProblem(live, events + framingEvents);
      if (liveProblem || live.lastId === undefined) {
        rows.note('replay', target.name, liveProblem ?? 'the live stream carried no ids');
        continue;
      }
      await settle(target.processes(deployment));
      const cursor = live.lastId - events;
      const { result: replay } = await pool.one(target.resubscribe(deployment, taskIdOf(live.firstData), cursor), {
        timeoutMs: options.streamTimeoutS * 1000,
      });
      const replayProblem = streamProblem(replay, events);
      if (replayProblem || replay.events !== events) {
        rows.note('replay', target.name, replayProblem ?? `replayed ${replay.events} events, not ${events}`);
        continue;
      }
      const liveMs = (live.lastDataAt ?? live.endedAt) - live.startedAt;
      const replayMs = (replay.lastDataAt ?? replay.endedAt) - replay.startedAt;
      rows.add('live', target.name, liveMs);
      rows.add('replay', target.name, replayMs);
      rows.add('ratio', target.name, replayMs / liveMs);
      rows.add('eps', target.name, (events / replayMs) * 1000);
      context.log(`  ${target.name}: live ${Math.round(liveMs)} ms, replay ${Math.round(replayMs)} ms`);
      await settle(target.processes(deployment));
    }
  }
  await context.deployments.release(deployments);
  load.end = loadAverage();
  return {
    id: 'resume',
    title: 'Resume: replay from a cursor',
    setup:
      `A task streams ${events.toLocaleString('en-US')} status updates live; then \`tasks/resubscribe\` (the ` +
      `gateway: \`GET /api/tasks/:id/events\`) with \`Last-Event-ID\` ${events.toLocaleString('en-US')} events ` +
      `before the end replays them. ${options.reps} repetitions.`,
    rows: rows.rows(),
    notes: [],
    load,
    durationS: (Date.now() - started) / 1000,
  };
}
