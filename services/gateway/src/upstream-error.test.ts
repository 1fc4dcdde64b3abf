import { describe, expect, it } from 'vitest';
import { A2AClientError } from '@a2a-mesh/client';
import { A2AError, ErrorCode } from '@a2a-mesh/protocol';
import { upstreamError } from './upstream-error.ts';

describe('upstreamError', () => {
  it('maps the orchestrator protocol errors to HTTP statuses, keeping their messages', () => {
    expect(upstreamError(A2AError.of(ErrorCode.TaskNotFound, 't1'))).toMatchObject({
      status: 404,
      code: 'task-not-found',
      message: 'Task not found: t1',
    });
    expect(upstreamError(A2AError.of(ErrorCode.TaskNotCancelable))).toMatchObject({ status: 409 });
    expect(upstreamError(A2AError.of(ErrorCode.UnsupportedOperation))).toMatchObject({ status: 409 });
    expect(upstreamError(A2AError.of(ErrorCode.InvalidParams, 'params.x'))).toMatchObject({
      status: 400,
      message: 'Invalid parameters: params.x',
    });
    expect(upstreamError(A2AError.of(ErrorCode.InternalError))).toMatchObject({
      status: 502,
      code: 'invalid-upstream-answer',
    });
  });

  it('reports a network failure as 502 without the address, and a malformed answer as 502', () => {
    const refused = upstreamError(
      new A2AClientError('request-failed', 'message/send to http://10.0.0.7:9100/a2a failed: connect ECONNREFUSED'),
    );
    expect(refused).toMatchObject({ status: 502, code: 'orchestrator-unreachable' });
    expect(refused?.message).not.toContain('10.0.0.7');
    expect(upstreamError(new A2AClientError('http-error', 'x', { statusCode: 503 }))?.message).toContain('HTTP 503');
    expect(upstreamError(new A2AClientError('malformed-response', 'not JSON'))).toMatchObject({
      status: 502,
      code: 'invalid-upstream-answer',
    });
  });

  it('leaves our own bugs alone: they are 500s, logged', () => {
    expect(upstreamError(new TypeError('x is undefined'))).toBeUndefined();
  });
});
