import type { TargetName } from '../targets/targets.ts';
import type { BenchResults, Cell, MetricRow, ProfileReport, ScenarioReport } from './results-model.ts';

function formatNumber(value: number, digits: number): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function ratio(row: MetricRow, top: TargetName, bottom: TargetName): string {
  if (row.better === 'none') return '';
  const a = row.cells[top];
  const b = row.cells[bottom];
  if (a?.median === undefined || b?.median === undefined || b.median === 0) return '—';
  const bound = a.bound ?? (b.bound === '≤' ? '≥' : b.bound === '≥' ? '≤' : '');
  return `${bound}${(a.median / b.median).toFixed(2)}`;
}

/** One scenario as a table: a column per target, then ours ÷ floor and ours ÷ peer; notes as footnotes. */
function scenarioTable(scenario: ScenarioReport, targets: BenchResults['targets']): string {
  const footnotes: string[] = [];
  const cellText = (cell: Cell | undefined, row: MetricRow, target: string): string => {
    let text = cell?.median === undefined ? '—' : `${cell.bound ?? ''}${formatNumber(cell.median, row.digits)}`;
    if (cell?.note) {
      footnotes.push(`${target}: ${cell.note}`);
      text += ` [${footnotes.length}]`;
    }
    return text;
  };
  const header = ['figure', ...targets.map((target) => target.label), 'ours ÷ floor', 'ours ÷ peer'];
  const lines = [
    `| ${header.join(' | ')} |`,
    `|${header.map((_, index) => (index === 0 ? ' --- ' : ' ---: ')).join('|')}|`,
  ];
  for (const row of scenario.rows) {
    const cells = targets.map((target) => cellText(row.cells[target.name], row, target.label));
    lines.push(
      `| ${row.label} (${row.unit}) | ${cells.join(' | ')} | ${ratio(row, 'ours', 'floor')} | ${ratio(row, 'ours', 'peer')} |`,
    );
  }
  const notes = footnotes.map((note, index) => `[${index + 1}] ${note}`);
  return [
    `### ${scenario.title}`,
    '',
    scenario.setup,
    '',
    ...lines,
    '',
    ...(notes.length > 0 ? [...notes.map((note) => `${note}  `), ''] : []),
    ...scenario.notes.map((note) => `${note}  `),
    `Load average ${scenario.load.start.join(' / ')} at the start, ${scenario.load.end.join(' / ')} at the end; ${Math.round(scenario.durationS)} s.`,
    '',
  ].join('\n');
}

/** Every repetition's figure, in the order they ran: drift over a run shows here, not in medians. */
function repetitionsSection(results: BenchResults): string {
  const lines = ['| scenario | figure | target | repetitions, in order |', '| --- | --- | --- | --- |'];
  for (const scenario of results.scenarios) {
    for (const row of scenario.rows) {
      if (row.better === 'none') continue;
      for (const target of results.targets) {
        const samples = row.cells[target.name]?.samples;
        if (!samples || samples.length < 2) continue;
        const values = samples.map((value) => formatNumber(value, row.digits)).join(', ');
        lines.push(`| ${scenario.id} | ${row.label} (${row.unit}) | ${target.label} | ${values} |`);
      }
    }
  }
  return ['<details><summary>Every repetition</summary>', '', ...lines, '', '</details>', ''].join('\n');
}

function profileSection(profile: ProfileReport): string {
  return [
    `#### ${profile.process}: ${profile.workload}`,
    '',
    `${profile.totalMs.toLocaleString('en-US')} ms of CPU sampled (idle excluded).`,
    '',
    '| self time by origin | ms | % |',
    '| --- | ---: | ---: |',
    ...profile.byCategory.slice(0, 10).map((each) => `| ${each.category} | ${each.selfMs} | ${each.percent} |`),
    '',
    '| top frames by self time | ms | % |',
    '| --- | ---: | ---: |',
    ...profile.topSelf.map((each) => `| \`${each.frame}\` | ${each.selfMs} | ${each.percent} |`),
    '',
    '| our frames by inclusive time | ms | % |',
    '| --- | ---: | ---: |',
    ...profile.topInclusive.map((each) => `| \`${each.frame}\` | ${each.totalMs} | ${each.percent} |`),
    '',
  ].join('\n');
}

/** The whole run as markdown: machine, goals, load generator, every scenario, profiles. */
export function renderMarkdown(results: BenchResults, chartFile: string): string {
  const { machine, loadGenerator } = results;
  const goals = results.goals.map(
    (goal) => `| ${goal.goal} | ${goal.measured} | ${goal.met === undefined ? '—' : goal.met ? 'met' : '**missed**'} |`,
  );
  const generator: string[] = [];
  if (loadGenerator.singleStream) {
    const { clientBusyPercent, serverBusyPercent, eventsPerSecond } = loadGenerator.singleStream;
    generator.push(
      `- One stream from the floor (${Math.round(eventsPerSecond).toLocaleString('en-US')} events/s): the client process was busy ` +
        `${clientBusyPercent.toFixed(0)} % of the wall time, the floor's server process ${serverBusyPercent.toFixed(0)} % (all its threads, GC helpers included). The client has ` +
        `${(100 / Math.max(1, clientBusyPercent)).toFixed(1)} × headroom on its core.`,
    );
  }
  if (loadGenerator.concurrency) {
    const { streams, oneProcess, manyProcesses, processes } = loadGenerator.concurrency;
    generator.push(
      `- ${streams.toLocaleString('en-US')} concurrent streams from the floor: ${Math.round(oneProcess).toLocaleString('en-US')} events/s ` +
        `with 1 client process, ${Math.round(manyProcesses).toLocaleString('en-US')} with ${processes} ` +
        `(${(manyProcesses / oneProcess).toFixed(2)} ×): ${manyProcesses / oneProcess < 1.15 ? 'more client processes do not help, so the clients are not the bottleneck' : 'more client processes help: the client side limits this scenario'}.`,
    );
  }
  return [
    `# a2a-mesh benchmark — ${machine.date.slice(0, 10)}`,
    '',
    `\`${results.command}\` · revision ${machine.revision} · ${machine.cores} × ${machine.cpuModel} · ${machine.memoryGiB} GiB · Node ${machine.node} · Linux ${machine.kernel} · ` +
      `${machine.date} · ${Math.round(results.durationS / 60)} min`,
    '',
    `Load average (1 / 5 / 15 min): ${results.load.start.join(' / ')} at the start, ${results.load.end.join(' / ')} at the end.`,
    '',
    `Targets: ${results.targets.map((target) => target.label).join(', ')}.` +
      (results.pending.length > 0 ? ` Pending: ${results.pending.join('; ')}.` : ''),
    '',
    'Every figure is the median of the repetitions; ratios are ours ÷ floor and ours ÷ peer (above 1: ours is larger).',
    'What each figure means and what bounds it: `docs/performance.md`.',
    '',
    '## Goals',
    '',
    '| goal | measured | |',
    '| --- | --- | --- |',
    ...goals,
    '',
    ...(results.analysis ? ['## What the figures say', '', results.analysis, ''] : []),
    '## Load generator',
    '',
    ...(generator.length > 0 ? generator : ['Not checked in this run.']),
    '',
    '## Figures',
    '',
    ...results.scenarios.map((scenario) => scenarioTable(scenario, results.targets)),
    ...(results.scenarios.some((scenario) => scenario.latencyQuantiles)
      ? [`![latency distributions](${chartFile})`, '']
      : []),
    ...(results.profiles.length > 0 ? ['## CPU profiles', '', ...results.profiles.map(profileSection)] : []),
    '## Every repetition',
    '',
    repetitionsSection(results),
  ].join('\n');
}
