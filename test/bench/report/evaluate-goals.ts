import type { TargetName } from '../targets/targets.ts';
import type { GoalCheck, MetricRow, ScenarioReport } from './results-model.ts';

function row(scenarios: readonly ScenarioReport[], id: string, key: string): MetricRow | undefined {
  return scenarios.find((scenario) => scenario.id === id)?.rows.find((each) => each.key === key);
}

function value(metric: MetricRow | undefined, target: TargetName): number | undefined {
  return metric?.cells[target]?.median;
}

const fixed = (number: number, digits = 2): string => number.toFixed(digits);
const whole = (number: number): string => Math.round(number).toLocaleString('en-US');

/**
 * The project's performance goals (docs/performance.md), checked against this run's medians.
 * A goal whose figures are missing is reported as not measured (`met: undefined`).
 */
export function evaluateGoals(scenarios: readonly ScenarioReport[], ours: TargetName[] = ['ours']): GoalCheck[] {
  const checks: GoalCheck[] = [];
  const missing = (goal: string): GoalCheck => ({ goal, measured: 'not measured in this run', met: undefined });
  const size = 10_000;
  for (const name of ours) {
    const label = name === 'ours' ? 'ours' : 'ours + Redis';
    const eps = row(scenarios, 'single-stream', `eps-${size}`);
    const mine = value(eps, name);
    const floor = value(eps, 'floor');
    const peer = value(eps, 'peer');
    const throughputGoal = `${label}: single-stream throughput (10,000 events) ≥ 0.7 × floor`;
    checks.push(
      mine === undefined || floor === undefined
        ? missing(throughputGoal)
        : {
            goal: throughputGoal,
            measured: `${whole(mine)} vs ${whole(floor)} events/s = ${fixed(mine / floor)} × floor`,
            met: mine >= 0.7 * floor,
          },
    );
    const peerGoal = `${label}: single-stream throughput (10,000 events) ≥ 2 × peer`;
    checks.push(
      mine === undefined || peer === undefined
        ? missing(peerGoal)
        : {
            goal: peerGoal,
            measured: `${whole(mine)} vs ${whole(peer)} events/s = ${fixed(mine / peer)} × peer`,
            met: mine >= 2 * peer,
          },
    );
    const p99 = row(scenarios, 'latency', 'p99');
    const latencyGoal = `${label}: p99 latency added over the floor ≤ 1 ms`;
    const mineP99 = value(p99, name);
    const floorP99 = value(p99, 'floor');
    checks.push(
      mineP99 === undefined || floorP99 === undefined
        ? missing(latencyGoal)
        : {
            goal: latencyGoal,
            measured: `p99 ${fixed(mineP99, 3)} − ${fixed(floorP99, 3)} ms = ${fixed(mineP99 - floorP99, 3)} ms`,
            met: mineP99 - floorP99 <= 1,
          },
    );
    const idle = row(scenarios, 'idle', 'rss-5000');
    const heap = row(scenarios, 'idle', 'heap-5000');
    const idleGoal = `${label}: 5,000 idle streams at ≤ 30 KiB server memory each`;
    const rss = value(idle, name);
    checks.push(
      rss === undefined
        ? missing(idleGoal)
        : {
            goal: idleGoal,
            measured: `${fixed(rss, 1)} KiB RSS per stream (heap + external ${fixed(value(heap, name) ?? Number.NaN, 1)} KiB)`,
            met: rss <= 30,
          },
    );
    const ratio = value(row(scenarios, 'resume', 'ratio'), name);
    const replayGoal = `${label}: replaying 10,000 events takes ≤ 2 × streaming them live`;
    checks.push(
      ratio === undefined
        ? missing(replayGoal)
        : {
            goal: replayGoal,
            measured: `replay ${whole(value(row(scenarios, 'resume', 'replay'), name) ?? Number.NaN)} ms vs live ${whole(value(row(scenarios, 'resume', 'live'), name) ?? Number.NaN)} ms = ${fixed(ratio)} ×`,
            met: ratio <= 2,
          },
    );
  }
  const p99 = row(scenarios, 'latency', 'p99');
  const hops: [string, TargetName, TargetName][] = [
    ['mesh hop 1 (specialist → orchestrator) adds ≤ 1 ms at p99', 'ours', 'mesh-orchestrator'],
    ['mesh hop 2 (orchestrator → gateway SSE) adds ≤ 1 ms at p99', 'mesh-orchestrator', 'mesh-gateway'],
  ];
  for (const [goal, from, to] of hops) {
    const before = value(p99, from);
    const after = value(p99, to);
    checks.push(
      before === undefined || after === undefined
        ? missing(goal)
        : {
            goal,
            measured: `p99 ${fixed(after, 3)} − ${fixed(before, 3)} ms = ${fixed(after - before, 3)} ms`,
            met: after - before <= 1,
          },
    );
  }
  const flat = row(scenarios, 'single-stream', 'flat');
  const flatGoal =
    'ours: cost per event stays flat as the task grows (events/s at the largest size ≥ 0.8 × at the smallest)';
  const flatOurs = value(flat, 'ours');
  checks.push(
    flatOurs === undefined
      ? missing(flatGoal)
      : { goal: flatGoal, measured: `${fixed(flatOurs)} ×`, met: flatOurs >= 0.8 },
  );
  return checks;
}
