import { z } from 'zod';
import { ArtifactSchema } from '@a2a-mesh/protocol';
import type { Artifact, Message } from '@a2a-mesh/protocol';
import { textOf } from '@a2a-mesh/server';
import { instructionFrom, parseInstruction } from './instruction.ts';
import type { Instruction } from './instruction.ts';

/**
 * A data part the writer reads. Every field is optional; a data part with none of them is
 * ignored. Another agent's answer is passed as its artifact, e.g.
 * `{ kind: 'data', data: { instruction: 'summarize in 2 sentences', artifact: answer } }`.
 */
export const WriterDataSchema = z.object({
  /** What to do, as in a message: `summarize in 2 sentences`, `rewrite as bullet points`. */
  instruction: z.string().optional(),
  /** Text to work on. */
  text: z.string().optional(),
  /** An A2A artifact to work on: the text of its text parts. */
  artifact: ArtifactSchema.optional(),
  /** Several artifacts (a task's `artifacts`), in order. */
  artifacts: z.array(ArtifactSchema).optional(),
});

/** What a message asks of the writer. */
export interface WriterRequest {
  /** Absent when the message gives none; the writer then summarizes. */
  instruction?: Instruction;
  /** The text to work on, possibly empty. */
  text: string;
}

/**
 * What a message asks: the instruction at the start of its text parts (see `parseInstruction`),
 * else a data part's `instruction`; the text after that instruction, then each data part's
 * `text`, `artifact` and `artifacts`, as paragraphs in that order.
 */
export function readWriterRequest(message: Pick<Message, 'parts'>): WriterRequest {
  const fromText = parseInstruction(textOf(message));
  let instruction = fromText.instruction;
  const texts = [fromText.text];
  for (const part of message.parts) {
    if (part.kind !== 'data') continue;
    const data = WriterDataSchema.safeParse(part.data);
    if (!data.success) continue;
    instruction ??= data.data.instruction === undefined ? undefined : instructionFrom(data.data.instruction);
    texts.push(data.data.text ?? '');
    for (const artifact of [data.data.artifact ?? [], data.data.artifacts ?? []].flat())
      texts.push(artifactText(artifact));
  }
  const text = texts
    .map((each) => each.trim())
    .filter((each) => each !== '')
    .join('\n\n');
  return instruction ? { instruction, text } : { text };
}

/**
 * The text of an artifact: its text parts concatenated, as A2A concatenates the parts of a
 * streamed artifact's chunks (`append`), so a sentence split over chunks is whole again.
 */
function artifactText(artifact: Artifact): string {
  return artifact.parts.map((part) => (part.kind === 'text' ? part.text : '')).join('');
}
