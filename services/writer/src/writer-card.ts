import type { AgentCardInput } from '@a2a-mesh/server';

/** The writer agent's card. */
export const writerCard: AgentCardInput = {
  name: 'Writer',
  description:
    'Summarizes or rewrites the text it is given: in the message, in a data part, or as another ' +
    "agent's artifact. Streams the result sentence by sentence; writes with an LLM when one is " +
    'configured, otherwise with a deterministic extractive summarizer and phrase-level rewriter.',
  version: '0.1.0',
  capabilities: { streaming: true, pushNotifications: false },
  defaultInputModes: ['text/plain', 'application/json'],
  defaultOutputModes: ['text/plain'],
  skills: [
    {
      id: 'summarize',
      name: 'Summarize',
      description:
        'Picks the sentences that say the most (term frequency and position) and streams them in ' +
        'their original order. Say how long: "in 2 sentences", "as 3 bullet points".',
      tags: ['summarize', 'summary', 'tl;dr', 'shorten', 'writing', 'text'],
      examples: ['summarize: <text>', 'summarize in 2 sentences: <text>', 'summarize as 3 bullet points: <text>'],
      inputModes: ['text/plain', 'application/json'],
      outputModes: ['text/plain'],
    },
    {
      id: 'rewrite',
      name: 'Rewrite',
      description:
        'Rewrites the text as bullet points, shorter (the better half of its sentences, wordy ' +
        'phrases cut), in plain English, or formally (no contractions or slang).',
      tags: ['rewrite', 'bullet points', 'shorten', 'shorter', 'plain english', 'formal', 'writing', 'text'],
      examples: [
        'rewrite as bullet points: <text>',
        'make it shorter: <text>',
        'rewrite in plain English: <text>',
        'rewrite formally: <text>',
      ],
      inputModes: ['text/plain', 'application/json'],
      outputModes: ['text/plain'],
    },
  ],
};
