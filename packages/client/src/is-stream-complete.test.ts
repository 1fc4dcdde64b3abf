import { describe, expect, it } from 'vitest';
import { isStreamComplete } from './is-stream-complete.ts';
import { artifactUpdate, statusUpdate, task, userMessage } from './testing/test-agent.ts';

describe('isStreamComplete', () => {
  it('ends any stream at a final status update or a message', () => {
    expect(isStreamComplete(statusUpdate('t', 'completed', true), false)).toBe(true);
    expect(isStreamComplete(statusUpdate('t', 'input-required', true), false)).toBe(true);
    expect(isStreamComplete(statusUpdate('t', 'working', false), true)).toBe(false);
    expect(isStreamComplete(artifactUpdate('t', 'a', 'x'), true)).toBe(false);
    expect(isStreamComplete(userMessage('reply'), false)).toBe(true);
  });

  it('ends a resubscription, and only a resubscription, at a terminal or interrupted snapshot', () => {
    for (const state of ['completed', 'canceled', 'failed', 'rejected', 'input-required', 'auth-required'] as const) {
      expect(isStreamComplete(task('t', state), true)).toBe(true);
      expect(isStreamComplete(task('t', state), false)).toBe(false);
    }
    expect(isStreamComplete(task('t', 'working'), true)).toBe(false);
  });
});
