import { createEchoExecutor, echoCard } from '@a2a-mesh/example-agent';
import { createAgentServer } from '@a2a-mesh/server';
import type { AgentServer } from '@a2a-mesh/server';

/** An agent the conformance suite runs against, and a request it serves to completion. */
export interface ConformingAgent {
  name: string;
  create(): Promise<AgentServer> | AgentServer;
  prompt: string;
}

/** Every agent of ours. */
export const conformingAgents: ConformingAgent[] = [
  {
    name: 'example echo agent',
    create: () => createAgentServer({ card: echoCard, executor: createEchoExecutor({ stepDelayMs: 1 }) }),
    prompt: 'conformance check',
  },
];
