import { formatIssues } from '@a2a-mesh/protocol';
import type { z } from 'zod';
import { GatewayError } from './gateway-error.ts';

/**
 * Parses one part of a request (`body`, `query`, `path`) with its schema, or throws a 400 whose
 * message names each failing field and what was expected: `body.text: expected 1 to 100000
 * characters, received an empty string`.
 */
export function parseInput<TSchema extends z.ZodType>(
  schema: TSchema,
  value: unknown,
  part: 'body' | 'query' | 'path',
): z.infer<TSchema> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new GatewayError(400, 'invalid-request', formatIssues(parsed.error, part));
}
