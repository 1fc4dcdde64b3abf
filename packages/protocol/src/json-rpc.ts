import { z } from 'zod';
import type { JsonRpcErrorObject } from './errors.ts';

/** A request id: A2A requests carry a string or an integer. */
export const JsonRpcIdSchema = z.union([z.string(), z.int()]);
export type JsonRpcId = z.infer<typeof JsonRpcIdSchema>;

/** The envelope of every request, before its params are checked against the method's schema. */
export const JsonRpcRequestSchema = z.object({
  jsonrpc: z.literal('2.0'),
  id: JsonRpcIdSchema,
  method: z.string().min(1),
  params: z.record(z.string(), z.unknown()).optional(),
});
export type JsonRpcRequest = z.infer<typeof JsonRpcRequestSchema>;

/** The error member of an error response. */
export const JsonRpcErrorObjectSchema = z.object({
  code: z.int(),
  message: z.string(),
  data: z.unknown().optional(),
});

/**
 * A success response; `result` is checked against the method's result schema by the caller.
 * `result` must be present (null is a value): zod treats an `unknown` key as optional otherwise.
 */
export const JsonRpcSuccessResponseSchema = z.object({
  jsonrpc: z.literal('2.0'),
  id: JsonRpcIdSchema.nullable(),
  result: z.unknown().nonoptional(),
});

/** An error response; `id` is null when the request's own id could not be read. */
export const JsonRpcErrorResponseSchema = z.object({
  jsonrpc: z.literal('2.0'),
  id: JsonRpcIdSchema.nullable(),
  error: JsonRpcErrorObjectSchema,
});

/** Either response. */
export const JsonRpcResponseSchema = z.union([JsonRpcSuccessResponseSchema, JsonRpcErrorResponseSchema]);
export type JsonRpcResponse =
  | { jsonrpc: '2.0'; id: JsonRpcId | null; result: unknown }
  | { jsonrpc: '2.0'; id: JsonRpcId | null; error: JsonRpcErrorObject };
