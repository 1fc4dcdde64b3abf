import type { BeforeNode } from './before-node-handler.ts';

/**
 * A {@link BeforeNode} hook for tests: it holds one node at its start until the task run's signal
 * aborts, and records what it saw. With it a test cancels a task while a chosen node is running,
 * without sleeping: wait for `reached`, send `tasks/cancel`, then check `sawAbort` and that no
 * later node `started`.
 *
 * @example
 * ```ts
 * const gate = new NodeGate('search');
 * const server = createAgentServer({ card, executor: createGraphExecutor({ graph, beforeNode: gate.beforeNode }) });
 * // … stream a message to it, then:
 * await gate.reached;
 * await client.cancelTask(taskId);
 * expect(gate.sawAbort).toBe(true);
 * ```
 */
export class NodeGate {
  /** The node it holds. */
  readonly node: string;
  /** Every node that started, in order, the held one included. */
  readonly started: string[] = [];
  /** Settles once the held node has started, and is held. */
  readonly reached: Promise<void>;
  #reach!: () => void;
  #sawAbort = false;

  constructor(node: string) {
    this.node = node;
    this.reached = new Promise((resolve) => (this.#reach = resolve));
  }

  /** Whether the run's signal aborted while the node was held; the hook then let go of it. */
  get sawAbort(): boolean {
    return this.#sawAbort;
  }

  /** The hook, to pass as `beforeNode`. */
  readonly beforeNode: BeforeNode = async (node, signal) => {
    this.started.push(node);
    if (node !== this.node) return;
    this.#reach();
    await new Promise<void>((resolve) => {
      const release = () => {
        this.#sawAbort = true;
        resolve();
      };
      if (signal.aborted) release();
      else signal.addEventListener('abort', release, { once: true });
    });
  };
}
