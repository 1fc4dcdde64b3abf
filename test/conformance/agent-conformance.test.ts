/**
 * The protocol checks every agent of ours must pass, whatever it does: run against each agent in
 * `agents.ts`, over HTTP, with our client and with raw JSON-RPC. A new agent joins by adding one
 * entry there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { A2AClient } from '@a2a-mesh/client';
import type { StreamItem } from '@a2a-mesh/client';
import {
  AgentCardSchema,
  ErrorCode,
  StreamEventSchema,
  isTerminalState,
  resumableStreamExtension,
} from '@a2a-mesh/protocol';
import type { AgentServer } from '@a2a-mesh/server';
import { userText } from '../support/agents.ts';
import { conformingAgents } from './agents.ts';

describe.each(conformingAgents)('$name', (agent) => {
  let server: AgentServer;
  let url: string;
  let client: A2AClient;
  beforeAll(async () => {
    server = await agent.create();
    url = await server.listen();
    client = await A2AClient.fromCardUrl(url);
  });
  afterAll(async () => {
    await client.close();
    await server.close();
  });

  const rpc = async (body: unknown): Promise<{ error?: { code: number; message: string }; result?: unknown }> => {
    const response = await fetch(`${url}/a2a`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return (await response.json()) as { error?: { code: number; message: string } };
  };

  it('publishes a valid 0.3.0 card with skills to route by and the resumable-stream extension', async () => {
    const card = AgentCardSchema.parse(await (await fetch(`${url}/.well-known/agent-card.json`)).json());
    expect(card.protocolVersion).toBe('0.3.0');
    expect(card.capabilities.streaming).toBe(true);
    expect(card.capabilities.extensions?.map((extension) => extension.uri)).toContain(resumableStreamExtension.uri);
    expect(card.skills.length).toBeGreaterThan(0);
    for (const skill of card.skills) {
      expect(skill.tags.length).toBeGreaterThan(0);
      expect(skill.examples?.length ?? 0).toBeGreaterThan(0);
    }
  });

  it('streams a typical request: the task first, ids 1..N, valid events of one task, one final terminal event', async () => {
    const items: StreamItem[] = [];
    for await (const item of client.streamMessage(userText(agent.prompt))) items.push(item);
    expect(items.map((item) => item.id)).toEqual(items.map((_, index) => index + 1));
    const [first, ...rest] = items.map((item) => StreamEventSchema.parse(item.event));
    expect(first?.kind).toBe('task');
    const taskId = first?.kind === 'task' ? first.id : '';
    const contextId = first?.kind === 'task' ? first.contextId : '';
    for (const event of rest) expect(event).toMatchObject({ taskId, contextId });
    const finals = rest.filter((event) => event.kind === 'status-update' && event.final);
    expect(finals).toHaveLength(1);
    const last = rest.at(-1);
    expect(last?.kind === 'status-update' && last.final && last.status.state).toBe('completed');
    // No state after a terminal one.
    const terminalAt = rest.findIndex((event) => event.kind === 'status-update' && isTerminalState(event.status.state));
    expect(terminalAt).toBe(rest.length - 1);

    // The log replays identically from any cursor, and tasks/get agrees with the stream.
    const replay: StreamItem[] = [];
    for await (const item of client.resubscribe(taskId, { lastEventId: 1 })) replay.push(item);
    expect(replay.map((item) => JSON.stringify(item))).toEqual(items.slice(1).map((item) => JSON.stringify(item)));
    const task = await client.getTask(taskId);
    expect(task.status.state).toBe('completed');
    expect(task.artifacts?.length ?? 0).toBeGreaterThan(0);

    // A finished task cannot be canceled or continued.
    await expect(client.cancelTask(taskId)).rejects.toMatchObject({ code: ErrorCode.TaskNotCancelable });
    await expect(client.sendMessage(userText(agent.prompt, { taskId }))).rejects.toMatchObject({
      code: ErrorCode.UnsupportedOperation,
    });
  });

  it('rejects malformed calls with the right codes and keeps serving', async () => {
    expect((await rpc({ jsonrpc: '2.0', id: 1, method: 'nope/nope', params: {} })).error?.code).toBe(
      ErrorCode.MethodNotFound,
    );
    const invalid = await rpc({
      jsonrpc: '2.0',
      id: 2,
      method: 'message/send',
      params: { message: { kind: 'message' } },
    });
    expect(invalid.error?.code).toBe(ErrorCode.InvalidParams);
    expect(invalid.error?.message).toContain('params.message');
    expect((await rpc({ jsonrpc: '2.0', id: 3, method: 'tasks/get', params: { id: 'missing' } })).error?.code).toBe(
      ErrorCode.TaskNotFound,
    );
    const task = await client.sendMessage(userText(agent.prompt));
    expect(task.kind === 'task' && task.status.state).toBe('completed');
  });
});
