import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TargetName } from '../targets/targets.ts';
import { renderLatencySvg } from './render-latency-svg.ts';
import { renderMarkdown } from './render-markdown.ts';
import type { BenchResults } from './results-model.ts';

/**
 * Writes `<date>.json`, `<date>.md` and `<date>.svg` into `folder`, and the same three as
 * `latest.*`. Returns the markdown.
 */
export function writeResults(results: BenchResults, folder: string): { markdown: string; files: string[] } {
  mkdirSync(folder, { recursive: true });
  const stem = results.machine.date.slice(0, 10);
  const latency = results.scenarios.find((scenario) => scenario.latencyQuantiles)?.latencyQuantiles ?? {};
  const labels = new Map(results.targets.map((target) => [target.name, target.label]));
  const series = (Object.entries(latency) as [TargetName, NonNullable<(typeof latency)[TargetName]>][]).map(
    ([target, points]) => ({ label: labels.get(target) ?? target, points }),
  );
  const markdown = renderMarkdown(results, `${stem}.svg`);
  const files = [
    [`${stem}.json`, `${JSON.stringify(results, null, 2)}\n`],
    [`${stem}.md`, markdown],
    [`${stem}.svg`, renderLatencySvg(series, `Latency, producer → client, at a steady rate (${stem})`)],
  ] as const;
  for (const [name, content] of files) {
    writeFileSync(join(folder, name), content);
    const latest = name.replace(stem, 'latest');
    if (name.endsWith('.md')) writeFileSync(join(folder, latest), content.replaceAll(`${stem}.svg`, 'latest.svg'));
    else copyFileSync(join(folder, name), join(folder, latest));
  }
  return { markdown, files: files.map(([name]) => join(folder, name)) };
}
