import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import type { BaseMessage } from '@langchain/core/messages';
import { sentencesToKeep } from './instruction.ts';
import type { Instruction, Style } from './instruction.ts';

const styleAsks: Record<Style, string> = {
  concise: 'shorter: about half as long, without wordy phrases',
  plain: 'in plain English: short, common words and no jargon',
  formal: 'in a formal register: no contractions, no slang',
};

/**
 * The chat messages that ask an LLM to carry out an instruction on a text: what to write in the
 * system message, the text alone in the user message, so that text cannot pass for instructions.
 */
export function llmPrompt(instruction: Instruction, text: string, sentences: number): BaseMessage[] {
  const keep = instruction.keep === 'all' ? undefined : sentencesToKeep(instruction.keep, sentences);
  const task =
    instruction.skill === 'summarize'
      ? `Summarize the user's text${keep === undefined ? '' : ` in at most ${keep} sentence${keep === 1 ? '' : 's'}`}`
      : `Rewrite the user's text${keep === undefined || instruction.keep === 'half' ? '' : ` in at most ${keep} sentences`}`;
  const asks = [
    ...instruction.styles.map((style) => styleAsks[style]),
    ...(instruction.bullets ? ['as bullet points, one per line, each starting with "- "'] : []),
  ];
  const system = [
    `${task}${asks.length > 0 ? `, ${asks.join(', ')}` : ''}.`,
    'Keep to the facts in the text; add nothing. Answer with the result only, no preamble.',
  ].join(' ');
  return [new SystemMessage(system), new HumanMessage(text)];
}
