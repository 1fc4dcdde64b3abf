import { A2AError } from '@a2a-mesh/protocol';
import { describe, expect, it } from 'vitest';
import { A2AClientError } from './a2a-client-error.ts';
import { classifyFailure } from './classify-failure.ts';

const requestFailed = (code: string) =>
  new A2AClientError('request-failed', 'failed', { cause: Object.assign(new Error(code), { code }) });

describe('classifyFailure', () => {
  it('proves a request never sent only when no connection was established', () => {
    expect(classifyFailure(requestFailed('ECONNREFUSED'))).toBe('never-sent');
    expect(classifyFailure(requestFailed('UND_ERR_CONNECT_TIMEOUT'))).toBe('never-sent');
    expect(classifyFailure(requestFailed('ECONNRESET'))).toBe('transient');
    expect(classifyFailure(requestFailed('UND_ERR_HEADERS_TIMEOUT'))).toBe('transient');
  });

  it('retries proxies restarting, not answers that will not change', () => {
    expect(classifyFailure(new A2AClientError('http-error', 'x', { statusCode: 503 }))).toBe('transient');
    expect(classifyFailure(new A2AClientError('http-error', 'x', { statusCode: 401 }))).toBe('fatal');
    expect(classifyFailure(new A2AClientError('stream-interrupted', 'x'))).toBe('transient');
    expect(classifyFailure(new A2AClientError('malformed-response', 'x'))).toBe('fatal');
    expect(classifyFailure(new A2AError(-32001, 'Task not found'))).toBe('fatal');
  });
});
