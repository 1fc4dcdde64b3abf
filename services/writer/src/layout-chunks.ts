import type { Instruction } from './instruction.ts';
import { restyle } from './restyle.ts';
import type { Sentence } from './split-sentences.ts';

/**
 * The pieces of the written text, one per sentence, each with the separator before it, so that
 * their concatenation is the whole text: bullets are `- ` lines; a summary is one paragraph; a
 * rewrite keeps the paragraphs of the source.
 */
export function layoutChunks(sentences: readonly Sentence[], instruction: Instruction): string[] {
  return sentences.map((sentence, index) => {
    const text = restyle(sentence.text, instruction.styles);
    if (instruction.bullets) return `${index === 0 ? '' : '\n'}- ${text}`;
    if (index === 0) return text;
    const newParagraph = instruction.skill === 'rewrite' && sentence.paragraph !== sentences[index - 1]?.paragraph;
    return `${newParagraph ? '\n\n' : ' '}${text}`;
  });
}
