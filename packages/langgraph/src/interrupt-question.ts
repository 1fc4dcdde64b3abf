import type { Part } from '@a2a-mesh/protocol';

/** One pending `interrupt(value)` of the graph, as the `updates` stream reports it. */
export interface GraphInterrupt {
  id?: string;
  value: unknown;
}

const questionKeys = ['question', 'text', 'message', 'prompt'] as const;

/**
 * The message of the `input-required` status: one text part per pending interrupt (its value
 * when a string, else its `question`/`text`/`message`/`prompt` field, else its JSON), then a
 * data part `{ interrupts: [{ id, value }] }` for clients that render structured questions.
 * When several nodes wait at once, the one reply the client sends answers all of them.
 */
export function interruptQuestion(interrupts: readonly GraphInterrupt[]): Part[] {
  const texts: Part[] = interrupts.map((pending) => ({ kind: 'text', text: questionText(pending.value) }));
  const data = interrupts.map((pending) => ({ ...(pending.id ? { id: pending.id } : {}), value: pending.value }));
  return [...texts, { kind: 'data', data: { interrupts: data } }];
}

function questionText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    for (const key of questionKeys) {
      const text = record[key];
      if (typeof text === 'string') return text;
    }
  }
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
