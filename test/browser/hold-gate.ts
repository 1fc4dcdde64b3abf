import type { BeforeNode } from '@a2a-mesh/langgraph';

/**
 * A `beforeNode` hook that holds one node of a graph at its start until the test calls
 * `release()` (or the task is canceled), so a test can act while a task is provably mid-run.
 */
export class HoldGate {
  readonly node: string;
  /** Settles once the node has started and is held. */
  readonly reached: Promise<void>;
  #reach!: () => void;
  #release!: () => void;
  readonly #released: Promise<void>;

  constructor(node: string) {
    this.node = node;
    this.reached = new Promise((resolve) => (this.#reach = resolve));
    this.#released = new Promise((resolve) => (this.#release = resolve));
  }

  /** Lets the held node run. */
  release(): void {
    this.#release();
  }

  readonly beforeNode: BeforeNode = async (node, signal) => {
    if (node !== this.node) return;
    this.#reach();
    await Promise.race([
      this.#released,
      new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve())),
    ]);
  };
}

/**
 * A `beforeNode` hook an agent is started with once, and whose behaviour each test sets: one mesh
 * serves several tests, each holding the nodes it needs.
 */
export class NodeHook {
  #hook: BeforeNode | undefined;

  set(hook: BeforeNode | undefined): void {
    this.#hook = hook;
  }

  readonly beforeNode: BeforeNode = (node, signal) => this.#hook?.(node, signal) ?? Promise.resolve();
}
