import { describe, expect, it } from 'vitest';
import { analyzeQuestion, indexTerm, tokenize, topicWords } from './search-terms.ts';

describe('search terms', () => {
  it('splits words at punctuation and camelCase, keeping the whole identifier too', () => {
    expect(tokenize('Last-Event-ID, a2a-mesh/lastEventId')).toEqual([
      'Last',
      'Event',
      'ID',
      'a2a',
      'mesh',
      'lastEventId',
      'last',
      'Event',
      'Id',
    ]);
    expect(tokenize('SSEStream')).toEqual(['SSEStream', 'SSE', 'Stream']);
  });

  it('indexes words lower-cased and stemmed, without stop words or single letters', () => {
    expect(['resubscribe', 'Resubscribed', 'resubscribing'].map(indexTerm)).toEqual([
      'resubscrib',
      'resubscrib',
      'resubscrib',
    ]);
    expect(['the', 'a', 'x', 'Which'].map(indexTerm)).toEqual([null, null, null, null]);
  });

  it('keeps the topic of a request and drops the asking', () => {
    expect(topicWords('Find what the docs say about resubscribe and summarize it')).toEqual(['resubscribe']);
    expect(topicWords('How does the Last-Event-ID header work?')).toEqual(['last', 'event', 'id', 'header']);
  });

  it('calls a question vague when it names no topic, or too short a one', () => {
    expect(analyzeQuestion('   ')).toEqual({ words: [], vague: 'empty' });
    expect(analyzeQuestion('can you tell me about it?')).toEqual({ words: [], vague: 'vague' });
    expect(analyzeQuestion('find docs please')).toEqual({ words: [], vague: 'vague' });
    expect(analyzeQuestion('hi x')).toEqual({ words: [], vague: 'vague' });
    expect(analyzeQuestion('q1')).toEqual({ words: ['q1'], vague: 'vague' });
    expect(analyzeQuestion('what is SSE')).toEqual({ words: ['sse'] });
    expect(analyzeQuestion('what is SSE', 4)).toEqual({ words: ['sse'], vague: 'vague' });
  });
});
