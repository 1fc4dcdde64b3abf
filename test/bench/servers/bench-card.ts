import type { AgentCardInput } from '@a2a-mesh/server';

/** The card of the benchmark agent, on our server and (as the orchestrator's specialist) in the mesh. */
export const benchCard: AgentCardInput = {
  name: 'Bench agent',
  description: 'Publishes the benchmark workload named in its message: status updates, an artifact, done.',
  version: '0.1.0',
  capabilities: { streaming: true, pushNotifications: false },
  defaultInputModes: ['text/plain'],
  defaultOutputModes: ['text/plain'],
  skills: [
    {
      id: 'stream',
      name: 'Stream a workload',
      description: 'Streams the status updates a benchmark asks for.',
      tags: ['benchmark'],
      examples: ['bench {"events":100}'],
    },
  ],
};
