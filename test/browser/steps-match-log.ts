import { expect } from 'vitest';
import type { ShownStep } from './page-probes.ts';
import type { LoggedEvent } from './read-event-log.ts';

/**
 * The timeline shows each event at most once and in order: every row is an event of the log,
 * no event makes two rows, each lane lists its rows in log order, every status message with
 * text is a row with that text, and every node's start and end are one row.
 */
export function expectStepsMatchLog(steps: readonly ShownStep[], log: readonly LoggedEvent[]): void {
  const byId = new Map(log.map((event) => [event.id, event]));
  const seqs = steps.flatMap((step) => (step.endSeq === undefined ? [step.seq] : [step.seq, step.endSeq]));
  expect(new Set(seqs).size).toBe(seqs.length);
  for (const seq of seqs) expect(byId.has(seq)).toBe(true);
  for (const lane of new Set(steps.map((step) => step.lane))) {
    const order = steps.filter((step) => step.lane === lane).map((step) => step.seq);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  }
  const rows = new Map(steps.map((step) => [step.seq, step]));
  const ends = new Map(steps.flatMap((step) => (step.endSeq === undefined ? [] : [[step.endSeq, step] as const])));
  for (const { id, event } of log) {
    if (event.kind !== 'status-update') continue;
    const status = event.status as { message?: { parts: Array<{ kind: string; text?: string }> } };
    const text = (status.message?.parts ?? [])
      .filter((part) => part.kind === 'text')
      .map((part) => part.text)
      .join('\n');
    const metadata = (event.metadata ?? {}) as Record<string, unknown>;
    const timing = (metadata['upstreamMetadata'] ?? metadata) as { node?: string; phase?: string };
    if (text) expect(rows.get(id)?.text, `event ${id}`).toBe(text);
    else if (timing.phase === 'start') expect(rows.get(id)?.text, `event ${id}`).toBe(`node ${timing.node}`);
    else if (timing.phase === 'end')
      expect(ends.get(id)?.text ?? rows.get(id)?.text, `event ${id}`).toBe(`node ${timing.node}`);
  }
}
