import { describe, expect, it } from 'vitest';
import { formatStreamItem } from './format-stream-item.ts';
import { artifactUpdate, statusUpdate, task } from './testing/test-agent.ts';

describe('formatStreamItem', () => {
  it('writes one line per event, with the sequence number when there is one', () => {
    expect(formatStreamItem({ id: 1, event: task('t-1', 'submitted') })).toBe('#1 task t-1 submitted');
    expect(formatStreamItem({ id: 3, event: statusUpdate('t-1', 'working', false, 'Searching\ndocuments…') })).toBe(
      '#3 working Searching documents…',
    );
    expect(formatStreamItem({ event: artifactUpdate('t-1', 'answer', 'more', true) })).toBe(
      'artifact answer (append) more',
    );
    expect(formatStreamItem({ id: 9, event: statusUpdate('t-1', 'completed', true) })).toBe('#9 completed (final)');
  });

  it('names files and prints data parts as JSON', () => {
    const event = {
      kind: 'message' as const,
      messageId: 'm',
      role: 'agent' as const,
      parts: [
        { kind: 'file' as const, file: { uri: 'https://files.test/report.pdf', name: 'report.pdf' } },
        { kind: 'data' as const, data: { score: 3 } },
      ],
    };
    expect(formatStreamItem({ id: 2, event })).toBe('#2 message agent: [file report.pdf] {"score":3}');
  });
});
