import { describe, expect, it } from 'vitest';
import { AIMessage, AIMessageChunk, ToolMessage } from '@langchain/core/messages';
import type { GraphUpdate } from './graph-update.ts';
import { StreamMapper } from './stream-mapper.ts';

const start = (id: string, name: string) => ({ id, name, input: {}, triggers: [], interrupts: [] });
const end = (id: string, name: string, interrupts: unknown[] = []) => ({ id, name, result: {}, interrupts });
const messageMeta = (node: string, taskId: string) => ({
  langgraph_node: node,
  langgraph_checkpoint_ns: `${node}:${taskId}`,
});

/** Feeds `[mode, chunk]` pairs and returns every update, in order. */
function run(mapper: StreamMapper, items: [string, unknown][]): GraphUpdate[] {
  return items.flatMap(([mode, chunk]) => mapper.map(mode, chunk));
}

const summary = (updates: GraphUpdate[]) =>
  updates.map((update) =>
    update.kind === 'artifact'
      ? `${update.artifact.artifactId}:${JSON.stringify(update.artifact.parts.map((part) => (part.kind === 'text' ? part.text : '')).join(''))}:${update.append ? 'append' : 'new'}${update.lastChunk ? ':last' : ''}`
      : update.metadata
        ? `${String(update.metadata['node'])}:${String(update.metadata['phase'])}`
        : `progress:${update.parts?.[0]?.kind === 'text' ? update.parts[0].text : ''}`,
  );

describe('StreamMapper', () => {
  it('maps progress, chunks and node timings in stream order', () => {
    let clock = 100;
    const mapper = new StreamMapper({ now: () => clock });
    const updates = run(mapper, [
      ['tasks', start('t1', 'draft')],
      ['custom', { text: 'drafting', data: { words: 2 } }],
      ['custom', { chunk: 'Hello ' }],
      ['custom', { chunk: 'world', artifactId: 'text' }],
    ]);
    clock = 112.5;
    updates.push(...run(mapper, [['tasks', end('t1', 'draft')]]), ...mapper.finish());

    expect(summary(updates)).toEqual([
      'draft:start',
      'progress:drafting',
      'text:"Hello ":new',
      'text:"world":append',
      'draft:end',
      'text:"":append:last',
    ]);
    expect(updates[4]).toEqual({
      kind: 'status',
      metadata: { node: 'draft', phase: 'end', nodeRunId: 't1', durationMs: 12.5 },
    });
    expect(mapper.finish()).toEqual([]);
  });

  it('ends an artifact at its `last` chunk and starts it over after that', () => {
    const mapper = new StreamMapper();
    const updates = run(mapper, [
      ['custom', { chunk: 'a', artifactId: 'x', last: true }],
      ['custom', { chunk: 'b', artifactId: 'x' }],
      ['custom', { chunk: 'c', artifactId: 'x', last: true }],
    ]);
    expect(summary([...updates, ...mapper.finish()])).toEqual(['x:"a":new:last', 'x:"b":new', 'x:"c":append:last']);
  });

  it('streams AI message text per message and closes it when its node ends', () => {
    const mapper = new StreamMapper();
    const updates = run(mapper, [
      ['tasks', start('t1', 'chat')],
      ['messages', [new AIMessageChunk({ content: 'Hi', id: 'm1' }), messageMeta('chat', 't1')]],
      ['messages', [new AIMessageChunk({ content: '', id: 'm1' }), messageMeta('chat', 't1')]],
      ['messages', [new AIMessageChunk({ content: ' you', id: 'm1' }), messageMeta('chat', 't1')]],
      ['messages', [new ToolMessage({ content: 'tool output', tool_call_id: 'c1' }), messageMeta('chat', 't1')]],
      ['messages', [new AIMessage({ content: 'whole', id: 'm2' }), messageMeta('chat', 't1')]],
      ['tasks', end('t1', 'chat')],
    ]);
    expect(summary(updates)).toEqual([
      'chat:start',
      'message-m1:"Hi":new',
      'message-m1:" you":append',
      'message-m2:"whole":new:last',
      'message-m1:"":append:last',
      'chat:end',
    ]);
    expect(updates[1]).toMatchObject({ artifact: { name: 'chat' }, metadata: { node: 'chat' } });
  });

  it('leaves out the messages of nodes it is told not to stream', () => {
    const mapper = new StreamMapper({ streamMessages: (node) => node !== 'router' });
    const updates = run(mapper, [
      ['messages', [new AIMessageChunk({ content: 'route: a', id: 'm1' }), messageMeta('router', 't1')]],
      ['messages', [new AIMessageChunk({ content: 'answer', id: 'm2' }), messageMeta('answer', 't2')]],
    ]);
    expect(summary(updates)).toEqual(['message-m2:"answer":new']);
  });

  it('collects interrupts and keeps the last state', () => {
    const mapper = new StreamMapper();
    run(mapper, [
      ['values', { step: 1 }],
      ['updates', { ask: { asked: true } }],
      ['updates', { __interrupt__: [{ id: 'i1', value: 'Which date?' }] }],
      ['values', { step: 2 }],
    ]);
    expect(mapper.interrupts).toEqual([{ id: 'i1', value: 'Which date?' }]);
    expect(mapper.state).toEqual({ step: 2 });
  });

  it('drops what a resumed node writes again, and only that', () => {
    const first = new StreamMapper();
    run(first, [
      ['tasks', start('done', 'fetch')],
      ['custom', { text: 'fetched' }],
      ['tasks', end('done', 'fetch')],
      ['tasks', start('ask', 'ask')],
      ['custom', { text: 'checking' }],
      ['custom', { chunk: 'Draft' }],
      ['custom', { text: 'checking' }],
      ['tasks', end('ask', 'ask', [{ id: 'i1', value: 'ok?' }])],
    ]);
    const replay = first.replayRecord();
    expect(replay).toEqual({
      nodeRunIds: ['ask'],
      writes: ['{"text":"checking"}', '{"chunk":"Draft"}', '{"text":"checking"}'],
    });

    const resumed = new StreamMapper({ replay });
    const updates = run(resumed, [
      ['tasks', start('ask', 'ask')],
      ['custom', { text: 'checking' }],
      ['custom', { chunk: 'Draft' }],
      ['custom', { text: 'checking' }],
      ['custom', { text: 'checking' }],
      ['custom', { text: 'approved' }],
      ['tasks', end('ask', 'ask')],
      ['tasks', start('next', 'next')],
      ['custom', { text: 'checking' }],
    ]);
    expect(summary(updates)).toEqual([
      'ask:start',
      'progress:checking',
      'progress:approved',
      'ask:end',
      'next:start',
      'progress:checking',
    ]);
  });

  it('still forwards writes it cannot serialize', () => {
    const circular: Record<string, unknown> = {};
    circular['self'] = circular;
    const updates = new StreamMapper().map('custom', circular);
    expect(updates).toEqual([{ kind: 'status', parts: [{ kind: 'text', text: '[object Object]' }] }]);
  });
});
