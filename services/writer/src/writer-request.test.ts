import { describe, expect, it } from 'vitest';
import type { Part } from '@a2a-mesh/protocol';
import { readWriterRequest } from './writer-request.ts';

const request = (...parts: Part[]) => readWriterRequest({ parts });
const summarize2 = { skill: 'summarize', keep: 2, styles: [], bullets: false };

describe('readWriterRequest', () => {
  it('reads the instruction and the text from text parts', () => {
    expect(request({ kind: 'text', text: 'summarize in 2 sentences: A. B. C.' })).toEqual({
      instruction: summarize2,
      text: 'A. B. C.',
    });
    expect(request({ kind: 'text', text: 'summarize in 2 sentences' }, { kind: 'text', text: 'A. B. C.' })).toEqual({
      instruction: summarize2,
      text: 'A. B. C.',
    });
    expect(request({ kind: 'text', text: 'Just some text. To summarize.' })).toEqual({
      text: 'Just some text. To summarize.',
    });
  });

  it("reads another agent's artifact from a data part, its streamed chunks joined", () => {
    const artifact = {
      artifactId: 'answer',
      parts: [
        { kind: 'text' as const, text: 'Streams resume ' },
        { kind: 'text' as const, text: 'after a drop.' },
        { kind: 'data' as const, data: { sources: ['a.md'] } },
      ],
    };
    expect(request({ kind: 'text', text: 'summarize in 2 sentences:' }, { kind: 'data', data: { artifact } })).toEqual({
      instruction: summarize2,
      text: 'Streams resume after a drop.',
    });
    expect(
      request({ kind: 'data', data: { instruction: 'summarize in 2 sentences', artifacts: [artifact, artifact] } }),
    ).toEqual({ instruction: summarize2, text: 'Streams resume after a drop.\n\nStreams resume after a drop.' });
  });

  it('takes text from a data part, ignores data it does not know, and may find no text at all', () => {
    expect(request({ kind: 'data', data: { text: 'Plain text.' } }, { kind: 'data', data: { rows: [1] } })).toEqual({
      text: 'Plain text.',
    });
    expect(request({ kind: 'data', data: { artifact: { parts: 'not an artifact' } } })).toEqual({ text: '' });
    expect(request({ kind: 'text', text: 'rewrite as bullet points:' })).toEqual({
      instruction: { skill: 'rewrite', keep: 'all', styles: [], bullets: true },
      text: '',
    });
  });
});
