import { describe, expect, it } from 'vitest';
import { JsonRpcRequestSchema, JsonRpcResponseSchema, JsonRpcSuccessResponseSchema } from './json-rpc.ts';

describe('JSON-RPC envelopes', () => {
  it('requires a result member on a success, and accepts null as its value', () => {
    expect(JsonRpcSuccessResponseSchema.safeParse({ jsonrpc: '2.0', id: 1 }).success).toBe(false);
    expect(JsonRpcSuccessResponseSchema.safeParse({ jsonrpc: '2.0', id: 1, result: null }).success).toBe(true);
  });

  it('does not mistake an error response for a success', () => {
    const parsed = JsonRpcResponseSchema.parse({
      jsonrpc: '2.0',
      id: 1,
      error: { code: -32001, message: 'Task not found' },
    });
    expect('error' in parsed).toBe(true);
  });

  it('takes params only as an object', () => {
    const base = { jsonrpc: '2.0', id: 1, method: 'tasks/get' };
    expect(JsonRpcRequestSchema.safeParse({ ...base, params: { id: 't' } }).success).toBe(true);
    expect(JsonRpcRequestSchema.safeParse({ ...base, params: ['t'] }).success).toBe(false);
    expect(JsonRpcRequestSchema.safeParse(base).success).toBe(true);
  });
});
