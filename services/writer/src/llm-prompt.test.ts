import { describe, expect, it } from 'vitest';
import { instructionFrom } from './instruction.ts';
import { llmPrompt } from './llm-prompt.ts';

const system = (phrase: string, sentences = 9) => llmPrompt(instructionFrom(phrase)!, 'The text.', sentences)[0]?.text;

describe('llmPrompt', () => {
  it('says what to write in the system message and passes the text alone as the user message', () => {
    const [instructions, text] = llmPrompt(instructionFrom('summarize in 2 sentences')!, 'The text.', 9);
    expect(instructions?.type).toBe('system');
    expect(instructions?.text).toMatch(/^Summarize the user's text in at most 2 sentences\. Keep to the facts/);
    expect(text?.type).toBe('human');
    expect(text?.text).toBe('The text.');
  });

  it('asks for the length, styles and layout the instruction gives', () => {
    expect(system('summarize')).toMatch(/^Summarize the user's text in at most 3 sentences\./);
    expect(system('summarize in one sentence')).toMatch(/in at most 1 sentence\./);
    expect(system('rewrite as bullet points')).toMatch(/^Rewrite the user's text, as bullet points, one per line/);
    expect(system('make it shorter')).toMatch(/^Rewrite the user's text, shorter: about half as long/);
    expect(system('rewrite formally')).toMatch(/^Rewrite the user's text, in a formal register/);
  });
});
