import { calculatorCard, createCalculatorExecutor } from '@a2a-mesh/calculator';
import { createEchoExecutor, echoCard } from '@a2a-mesh/example-agent';
import { KnowledgeBase, createKnowledgeExecutor, defaultDocsFolder, knowledgeCard } from '@a2a-mesh/knowledge';
import { createAgentServer } from '@a2a-mesh/server';
import type { AgentServer } from '@a2a-mesh/server';
import { createWriterExecutor, writerCard } from '@a2a-mesh/writer';

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
  {
    name: 'knowledge specialist',
    create: () =>
      createAgentServer({
        card: knowledgeCard,
        executor: createKnowledgeExecutor({ knowledgeBase: new KnowledgeBase({ folder: defaultDocsFolder }) }),
      }),
    prompt: 'How does resubscribe with Last-Event-ID work?',
  },
  {
    name: 'writer specialist',
    create: () => createAgentServer({ card: writerCard, executor: createWriterExecutor() }),
    prompt:
      'summarize in 1 sentence: Streams resume from a cursor. Every event has a sequence number. ' +
      'A client that reconnects gets exactly what it missed.',
  },
  {
    name: 'calculator specialist',
    create: () => createAgentServer({ card: calculatorCard, executor: createCalculatorExecutor() }),
    prompt: 'what is (2 + 3) * 4^2?',
  },
];
