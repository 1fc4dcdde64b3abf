import { describe, expect, it } from 'vitest';
import { GraphRecursionError, InvalidUpdateError, NodeTimeoutError } from '@langchain/langgraph';
import { describeGraphError } from './describe-graph-error.ts';

describe('describeGraphError', () => {
  it('explains a recursion limit in plain words', () => {
    const error = new GraphRecursionError('Recursion limit of 25 reached without hitting a stop condition.');
    expect(describeGraphError(error)).toBe('The agent took too many steps without finishing (its limit is 25 steps).');
  });

  it('names the step that timed out', () => {
    const error = new NodeTimeoutError({ node: 'fetch', elapsed: 1200, kind: 'run', runTimeout: 1000 });
    expect(describeGraphError(error)).toBe(`The agent's step "fetch" took too long (its limit is 1000 ms).`);
  });

  it('calls a graph that returns a bad update misconfigured, without the troubleshooting link', () => {
    const error = new InvalidUpdateError('Expected node "a" to return an object.', {
      lc_error_code: 'INVALID_GRAPH_NODE_RETURN_VALUE',
    });
    const text = describeGraphError(error);
    expect(text).toBe('The agent is misconfigured: Expected node "a" to return an object.');
  });

  it('keeps the first paragraph of any other error, cut short, and never a stack', () => {
    const error = new Error(`${'x'.repeat(400)}\n\nmore detail`);
    const text = describeGraphError(error);
    expect(text).toHaveLength('The agent failed: '.length + 300);
    expect(text).not.toContain('more detail');
    expect(text).not.toContain(' at ');
    expect(describeGraphError('plain string')).toBe('The agent failed: plain string');
    expect(describeGraphError(42)).toBe('The agent failed: unknown error');
  });
});
