import { A2AError, JsonRpcErrorResponseSchema, JsonRpcSuccessResponseSchema, formatIssues } from '@a2a-mesh/protocol';
import type { JsonRpcId } from '@a2a-mesh/protocol';
import type { z } from 'zod';
import { A2AClientError } from './a2a-client-error.ts';

/** What {@link parseJsonRpcResult} checks a response against. */
export interface ParseJsonRpcResultOptions<TSchema extends z.ZodType> {
  /** The method called, for error messages. */
  method: string;
  /** The schema of the method's result (for a stream: of one event). */
  schema: TSchema;
  /** The request's id: a response carrying another id answers someone else's request. */
  requestId?: JsonRpcId;
}

/**
 * Unwraps a decoded JSON-RPC response: returns the validated `result`, throws the `error` member
 * as an `A2AError` with the wire's code, message and data, and throws an {@link A2AClientError}
 * (`malformed-response`) naming the offending field for anything else.
 *
 * The `error` member is looked at first: a lenient success schema (`result: unknown`) would
 * otherwise accept an error response whose `result` is simply absent.
 */
export function parseJsonRpcResult<TSchema extends z.ZodType>(
  payload: unknown,
  options: ParseJsonRpcResultOptions<TSchema>,
): z.infer<TSchema> {
  const { method, schema, requestId } = options;
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw malformed(method, 'the response is not a JSON-RPC response object');
  }
  if ('error' in payload) {
    const response = JsonRpcErrorResponseSchema.safeParse(payload);
    if (!response.success) throw malformed(method, `invalid error response: ${formatIssues(response.error)}`);
    throw A2AError.fromJson(response.data.error);
  }
  if (!('result' in payload)) throw malformed(method, 'the response has neither `result` nor `error`');
  const response = JsonRpcSuccessResponseSchema.safeParse(payload);
  if (!response.success) throw malformed(method, `invalid response: ${formatIssues(response.error)}`);
  if (requestId !== undefined && response.data.id !== null && response.data.id !== requestId) {
    throw malformed(
      method,
      `the response id ${JSON.stringify(response.data.id)} is not the request id ${JSON.stringify(requestId)}`,
    );
  }
  const result = schema.safeParse(response.data.result);
  if (!result.success) throw malformed(method, `invalid result: ${formatIssues(result.error, 'result')}`);
  return result.data;
}

function malformed(method: string, detail: string): A2AClientError {
  return new A2AClientError('malformed-response', `Malformed response to ${method}: ${detail}`);
}
