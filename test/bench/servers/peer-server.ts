import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AgentCard, Message, TaskStatusUpdateEvent } from '@a2a-js/sdk';
import { DefaultRequestHandler, InMemoryTaskStore } from '@a2a-js/sdk/server';
import type { AgentExecutor, ExecutionEventBus, RequestContext } from '@a2a-js/sdk/server';
import { A2AExpressApp } from '@a2a-js/sdk/server/express';
import express from 'express';
import { parseWorkload, stepText, timestampKey } from '../workload.ts';
import { produceEvents } from './produce-events.ts';

/**
 * The same workload on the official SDK (`@a2a-js/sdk` 0.3.14), served exactly as its README
 * shows: `DefaultRequestHandler` over its `InMemoryTaskStore`, mounted by `A2AExpressApp` at `/`.
 * The executor publishes the events our server builds for the same calls: the task, the status
 * updates (a fresh message id and timestamp each), the artifact, and the final `completed`.
 */
class PeerBenchExecutor implements AgentExecutor {
  async execute(context: RequestContext, bus: ExecutionEventBus): Promise<void> {
    const { taskId, contextId, userMessage } = context;
    const text = userMessage.parts.map((part) => (part.kind === 'text' ? part.text : '')).join('\n');
    const workload = parseWorkload(text);
    bus.publish({
      kind: 'task',
      id: taskId,
      contextId,
      status: { state: 'submitted', timestamp: new Date().toISOString() },
      history: [userMessage],
    });
    const status = (state: 'working' | 'completed', message?: string, t?: number): TaskStatusUpdateEvent => ({
      kind: 'status-update',
      taskId,
      contextId,
      status: {
        state,
        timestamp: new Date().toISOString(),
        ...(message === undefined ? {} : { message: agentMessage(message, taskId, contextId) }),
      },
      final: state === 'completed',
      ...(t === undefined ? {} : { metadata: { [timestampKey]: t } }),
    });
    await produceEvents(
      workload,
      (index, t) => bus.publish(status('working', stepText(index, workload.events), t)),
      () => bus.publish(status('working', 'waiting')),
    );
    bus.publish({
      kind: 'artifact-update',
      taskId,
      contextId,
      artifact: { artifactId: 'result', parts: [{ kind: 'text', text: `${workload.events} steps` }] },
    });
    bus.publish(status('completed'));
    bus.finished();
  }

  async cancelTask(): Promise<void> {}
}

function agentMessage(text: string, taskId: string, contextId: string): Message {
  return {
    kind: 'message',
    messageId: randomUUID(),
    role: 'agent',
    parts: [{ kind: 'text', text }],
    taskId,
    contextId,
  };
}

/** The peer's HTTP server; its card's URL is filled in once the port is known. */
export function createPeerServer(): { server: Server; card: AgentCard } {
  const card: AgentCard = {
    name: 'Bench agent (a2a-js)',
    description: 'The benchmark workload on the official A2A JavaScript SDK.',
    protocolVersion: '0.3.0',
    version: '0.1.0',
    url: 'http://127.0.0.1/',
    preferredTransport: 'JSONRPC',
    capabilities: { streaming: true, pushNotifications: false },
    defaultInputModes: ['text/plain'],
    defaultOutputModes: ['text/plain'],
    skills: [{ id: 'stream', name: 'Stream a workload', description: 'Streams status updates.', tags: ['benchmark'] }],
  };
  const handler = new DefaultRequestHandler(card, new InMemoryTaskStore(), new PeerBenchExecutor());
  const app = express();
  new A2AExpressApp(handler).setupRoutes(app, '');
  return { server: createServer(app), card };
}
