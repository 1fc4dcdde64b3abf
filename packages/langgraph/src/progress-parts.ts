import type { Part } from '@a2a-mesh/protocol';
import { ProgressSchema } from './progress.ts';

const longestSummary = 200;

/**
 * The message parts of a custom stream write that is not a text chunk. A {@link Progress}
 * gives its text and data; anything else is still shown: a string as text, a plain object as
 * data with a JSON summary as text, any other value wrapped as `{ value }`.
 */
export function progressParts(payload: unknown): Part[] {
  const progress = ProgressSchema.safeParse(payload);
  if (progress.success) {
    const { text, data } = progress.data;
    const json = data && toJson(data);
    return isPlainObject(json)
      ? [
          { kind: 'text', text },
          { kind: 'data', data: json },
        ]
      : [{ kind: 'text', text }];
  }
  if (typeof payload === 'string') return [{ kind: 'text', text: payload }];
  const json = toJson(payload);
  if (json === undefined) return [{ kind: 'text', text: String(payload) }];
  const text = JSON.stringify(json);
  return [
    { kind: 'text', text: text.length > longestSummary ? `${text.slice(0, longestSummary - 1)}…` : text },
    { kind: 'data', data: isPlainObject(json) ? json : { value: json } },
  ];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The value as it will cross the wire. Events are serialized to JSON on their way to clients,
 * so a value JSON cannot hold (a cycle, a BigInt) is caught here rather than in the SSE writer.
 */
function toJson(value: unknown): unknown {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}
