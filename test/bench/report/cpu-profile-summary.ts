import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ProfileReport } from './results-model.ts';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  /** Microseconds on the machine's monotonic clock (V8's TimeTicks), the clock `monoMs()` reads. */
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** The part of a profile to summarize, in `monoMs()` milliseconds. */
export interface ProfileWindow {
  fromMs: number;
  toMs: number;
}

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const idle = new Set(['(idle)', '(root)']);

/** Where a frame's code comes from, for the by-category table. */
function categoryOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (functionName === '(program)') return 'V8 / native (program)';
  if (url === '') return 'V8 builtins (JSON, RegExp, …)';
  if (url.startsWith('node:')) return 'Node core (node:*)';
  const pnpm = /node_modules\/\.pnpm\/(@?[^@/]+(?:\+[^@/]+)?)@/.exec(url);
  if (pnpm) return pnpm[1]!.replace('+', '/');
  const ours = /\/(packages|services)\/([^/]+)\//.exec(url);
  if (ours) return ours[1] === 'packages' ? `@a2a-mesh/${ours[2]}` : `services/${ours[2]}`;
  if (url.includes('/test/bench/')) return 'benchmark producer (test/bench)';
  return 'other';
}

/** `functionName file:line`, with the file shortened to the repository or the package. */
function frameName(frame: CallFrame): string {
  const name = frame.functionName || '(anonymous)';
  if (frame.url === '') return name;
  let file = frame.url.replace(/^file:\/\//, '');
  file = file.replace(/^.*node_modules\/\.pnpm\/[^/]+\/node_modules\//, '');
  file = file.startsWith(repoRoot) ? file.slice(repoRoot.length) : file;
  // tsx compiles each TypeScript module onto one line: a line number would say nothing.
  return frame.lineNumber > 0 ? `${name} ${file}:${frame.lineNumber + 1}` : `${name} ${file}`;
}

/**
 * Summarizes a `.cpuprofile` written by `node --cpu-prof`, counting only the samples inside
 * `window` (the measured runs: start-up and warm-up left out): the frames with the most self
 * time, self time by where the code comes from, and the frames of our packages and services with
 * the most inclusive time (what they and everything they call cost). Idle time is left out.
 */
export function summarizeCpuProfile(
  path: string,
  process: string,
  workload: string,
  window: ProfileWindow,
  top = 15,
): ProfileReport {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const categories = new Map<string, number>();
  let total = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, index) => {
    const node = nodes.get(id);
    const delta = (profile.timeDeltas[index] ?? 0) / 1000;
    at += profile.timeDeltas[index] ?? 0;
    if (at / 1000 < window.fromMs || at / 1000 > window.toMs) return;
    if (!node || idle.has(node.callFrame.functionName)) return;
    total += delta;
    const name = frameName(node.callFrame);
    self.set(name, (self.get(name) ?? 0) + delta);
    const category = categoryOf(node.callFrame);
    categories.set(category, (categories.get(category) ?? 0) + delta);
    const seen = new Set<string>();
    for (let up: number | undefined = id; up !== undefined; up = parent.get(up)) {
      const frame = nodes.get(up)!.callFrame;
      if (!/\/(packages|services)\//.test(frame.url)) continue;
      const key = frameName(frame);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + delta);
    }
  });
  const percent = (ms: number): number => Math.round((ms / total) * 1000) / 10;
  const sorted = (map: Map<string, number>): [string, number][] => [...map].sort((a, b) => b[1] - a[1]);
  return {
    process,
    workload,
    totalMs: Math.round(total),
    topSelf: sorted(self)
      .slice(0, top)
      .map(([frame, ms]) => ({ frame, selfMs: Math.round(ms), percent: percent(ms) })),
    byCategory: sorted(categories).map(([category, ms]) => ({
      category,
      selfMs: Math.round(ms),
      percent: percent(ms),
    })),
    topInclusive: sorted(inclusive)
      .slice(0, top)
      .map(([frame, ms]) => ({ frame, totalMs: Math.round(ms), percent: percent(ms) })),
  };
}
