import type { Part } from '@a2a-mesh/protocol';
import { textOf } from '@a2a-mesh/server';
import type { UpstreamStep } from './upstream-step.ts';

/**
 * The orchestrator's `input-required` message for a specialist's question: "<agent> asks: …"
 * with the question's own text, the specialist's data parts as they were (a caret position, the
 * interrupts), and `{ waitingFor: { step, agent, upstreamTaskId } }` saying which upstream task
 * the reply will go to.
 */
export function upstreamQuestion(step: UpstreamStep): Part[] {
  const parts = step.question();
  const asked = textOf({ parts }).trim() || 'for more input, without saying what';
  const { step: id, agent, upstreamTaskId } = step.outcome();
  return [
    { kind: 'text', text: `${agent} asks: ${asked}` },
    ...parts.filter((part) => part.kind !== 'text'),
    { kind: 'data', data: { waitingFor: { step: id, agent, ...(upstreamTaskId ? { upstreamTaskId } : {}) } } },
  ];
}
