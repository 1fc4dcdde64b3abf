import type { AgentCardInput } from '@a2a-mesh/server';

/** The echo agent's card. */
export const echoCard: AgentCardInput = {
  name: 'Echo agent',
  description: 'Echoes your text back word by word, reporting every step it takes. The a2a-mesh example agent.',
  version: '0.1.0',
  capabilities: { streaming: true, pushNotifications: false },
  defaultInputModes: ['text/plain'],
  defaultOutputModes: ['text/plain'],
  skills: [
    {
      id: 'echo',
      name: 'Echo',
      description: 'Repeats the given text, streaming one word at a time.',
      tags: ['echo', 'example', 'streaming'],
      examples: ['hello mesh', 'echo the quick brown fox'],
    },
  ],
};
