import type { AgentCardInput } from '@a2a-mesh/server';

/** The knowledge agent's card. */
export const knowledgeCard: AgentCardInput = {
  name: 'Knowledge agent',
  description:
    'Searches a folder of Markdown and text documents (by default the a2a-mesh docs) and answers with the ' +
    'most relevant passages, each with its source file, heading and lines. Streams every stage: loading, ' +
    'indexing, searching, ranking.',
  version: '0.1.0',
  capabilities: { streaming: true, pushNotifications: false },
  defaultInputModes: ['text/plain', 'application/json'],
  defaultOutputModes: ['text/plain', 'application/json'],
  skills: [
    {
      id: 'search-docs',
      name: 'Search the docs',
      description:
        'Full-text search of the documents: the best-ranked passages with their sources ' +
        '(`docs/file.md#heading (lines a–b)`) and scores, as text and as data { query, results }.',
      tags: ['docs', 'documentation', 'search', 'find', 'lookup', 'knowledge'],
      examples: ['resubscribe Last-Event-ID', 'find what the docs say about heartbeats', 'error -32001'],
    },
    {
      id: 'answer-question',
      name: 'Answer a question from the docs',
      description:
        'Answers a question with the passages of the documents that answer it, and where they are. Asks for ' +
        'a better question when it is empty or too vague.',
      tags: ['question', 'answer', 'docs', 'knowledge', 'explain', 'reference'],
      examples: [
        'How does resubscribe with Last-Event-ID work?',
        'What happens to a slow subscriber?',
        'How long are finished tasks kept?',
      ],
    },
  ],
};
