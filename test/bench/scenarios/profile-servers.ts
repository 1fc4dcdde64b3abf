import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monoMs } from '../clock.ts';
import { summarizeCpuProfile } from '../report/cpu-profile-summary.ts';
import type { ProfileReport } from '../report/results-model.ts';
import { startDeployment } from '../targets/deployment.ts';
import { allTargets } from '../targets/targets.ts';
import type { TargetName } from '../targets/targets.ts';
import type { BenchContext } from './bench-context.ts';
import { burst, settle, warmUp } from './bench-context.ts';

/**
 * Runs the single-stream workload (10,000 events, `--reps` times after a warm-up) against the
 * floor (the baseline), our server, and through the mesh, with `node --cpu-prof` on every server
 * process, and summarizes each profile. Separate from the measured runs: profiling slows a
 * process down.
 */
export async function profileServers(context: BenchContext): Promise<ProfileReport[]> {
  const reports: ProfileReport[] = [];
  const events = 10_000;
  const wanted: TargetName[] = ['floor', 'ours', 'mesh-gateway'];
  for (const name of wanted) {
    const target = allTargets.find((each) => each.name === name)!;
    if (!context.targets.some((each) => each.name === name)) continue;
    const folder = mkdtempSync(join(tmpdir(), 'a2a-mesh-bench-profile-'));
    const deployment = await startDeployment(target.deployment, { cpuProfileDir: folder });
    const window = { fromMs: 0, toMs: 0 };
    try {
      await warmUp(context, [target], new Map([[target.deployment, deployment]]));
      window.fromMs = monoMs();
      for (let rep = 0; rep < context.options.reps; rep++) {
        await context.pool.one(target.stream(deployment, burst(events, context.options)), { timeoutMs: 120_000 });
      }
      await settle(target.processes(deployment));
      window.toMs = monoMs();
    } finally {
      await deployment.stop();
    }
    const workload = `${context.options.reps} × one stream of ${events.toLocaleString('en-US')} events (${target.label}), after a warm-up`;
    for (const server of Object.values(deployment.servers)) {
      try {
        // The main thread's profile: thread id 0 in `CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile`.
        const files = readdirSync(join(folder, server.role));
        const main = files.find((file) => file.split('.')[4] === '0');
        if (!main) throw new Error(`no main-thread profile among ${files.join(', ')}`);
        reports.push(summarizeCpuProfile(join(folder, server.role, main), server.role, workload, window));
      } catch (error) {
        context.log(`  no profile of ${server.role}: ${(error as Error).message}`);
      }
    }
    rmSync(folder, { recursive: true, force: true });
  }
  return reports;
}
