import { describe, expect, it } from 'vitest';
import { Annotation, END, START, StateGraph } from '@langchain/langgraph';
import { BeforeNodeHandler } from './before-node-handler.ts';
import type { BeforeNode } from './before-node-handler.ts';
import { NodeGate } from './node-gate.ts';

const State = Annotation.Root({ count: Annotation<number>() });
type StateType = typeof State.State;

/** `first` → (edge function) → `second` → `nested` (a subgraph of one node, `inner`). */
function buildGraph(log: string[]) {
  const body = (name: string) => (state: StateType) => {
    log.push(`body ${name}`);
    return { count: state.count + 1 };
  };
  const nested = new StateGraph(State).addNode('inner', body('inner')).addEdge(START, 'inner').compile();
  return new StateGraph(State)
    .addNode('first', body('first'))
    .addNode('second', body('second'))
    .addNode('nested', nested)
    .addEdge(START, 'first')
    .addConditionalEdges('first', () => 'second', ['second'])
    .addEdge('second', 'nested')
    .addEdge('nested', END)
    .compile();
}

async function run(log: string[], beforeNode: BeforeNode, signal = new AbortController().signal): Promise<void> {
  const stream = await buildGraph(log).stream(
    { count: 0 },
    { streamMode: 'updates', signal, callbacks: [new BeforeNodeHandler(beforeNode, signal)] },
  );
  for await (const _ of stream);
}

describe('BeforeNodeHandler', () => {
  it("awaits the hook before each of the graph's nodes, not before its start, edges or subgraph nodes", async () => {
    const log: string[] = [];
    await run(log, async (node) => {
      log.push(`hook ${node}`);
      // Resolves a turn of the event loop later: the node's function must wait for it.
      await new Promise((resolve) => setImmediate(resolve));
      log.push(`held ${node}`);
    });

    expect(log).toEqual([
      'hook first',
      'held first',
      'body first',
      'hook second',
      'held second',
      'body second',
      'hook nested',
      'held nested',
      'body inner',
    ]);
  });

  it('starts no node once the run is aborted, even the one the hook let go of', async () => {
    const log: string[] = [];
    const gate = new NodeGate('second');
    const controller = new AbortController();

    const running = run(log, gate.beforeNode, controller.signal);
    await gate.reached;
    controller.abort(new Error('canceled'));

    await expect(running).rejects.toThrow();
    // A turn of the event loop: time for a node the hook released to start, were it allowed to.
    await new Promise((resolve) => setImmediate(resolve));
    expect(gate.sawAbort).toBe(true);
    expect(gate.started).toEqual(['first', 'second']);
    expect(log).toEqual(['body first']);
  });
});
