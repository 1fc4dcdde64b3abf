import { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import type { Serialized } from '@langchain/core/load/serializable';
import type { ChainValues } from '@langchain/core/utils/types';
import { START } from '@langchain/langgraph';

/**
 * Awaited before each node of the graph runs (each run of it: a node resumed after an
 * `interrupt()` runs again), with the name of the node and the task run's signal. The node starts
 * when it resolves; a rejection fails the node like an error it threw (LangChain also prints it).
 * Once `signal` aborts the node never starts, however the hook settles, so a hook that holds a
 * node should settle when `signal` aborts. See `GraphExecutorOptions.beforeNode`.
 */
export type BeforeNode = (node: string, signal: AbortSignal) => Promise<void>;

/**
 * The tag LangGraph gives the run of each node, `graph:step:<n>`. It is not inherited: the runs a
 * node starts inside itself (a conditional edge's function, a model call, a subgraph) lack it.
 */
const STEP_TAG = 'graph:step:';
/** Separates a subgraph's checkpoint namespace from its parent's: `outer:<id>|inner:<id>`. */
const NAMESPACE_SEPARATOR = '|';

/**
 * Calls a {@link BeforeNode} hook at the start of each node of one graph run, through LangChain's
 * callbacks: a node's run is the chain run tagged `graph:step:<n>`, and its `langgraph_node`
 * metadata names it. The graph's own `__start__` step and the nodes of its subgraphs (their
 * checkpoint namespace is nested) are not nodes of the graph here.
 *
 * `awaitHandlers` makes LangChain await `handleChainStart` before the node's function is called,
 * so the hook holds the node. Once the run's signal has aborted, the handler never settles: the
 * node must not start, and LangGraph has already stopped waiting for it (its runner races each
 * step against the signal), so nothing is left pending on it. Throwing instead would also keep
 * the node from starting, but LangChain prints every error a handler throws to the console.
 */
export class BeforeNodeHandler extends BaseCallbackHandler {
  override name = 'BeforeNodeHandler';
  override awaitHandlers = true;
  override raiseError = true;
  readonly #beforeNode: BeforeNode;
  readonly #signal: AbortSignal;

  constructor(beforeNode: BeforeNode, signal: AbortSignal) {
    super();
    this.#beforeNode = beforeNode;
    this.#signal = signal;
  }

  /** The base class copies by passing the handler to a constructor that takes options. */
  override copy(): BeforeNodeHandler {
    return new BeforeNodeHandler(this.#beforeNode, this.#signal);
  }

  override async handleChainStart(
    _chain: Serialized,
    _inputs: ChainValues,
    _runId: string,
    _runType?: string,
    tags?: string[],
    metadata?: Record<string, unknown>,
  ): Promise<void> {
    const node = metadata?.['langgraph_node'];
    const namespace = metadata?.['langgraph_checkpoint_ns'];
    const isNode =
      typeof node === 'string' &&
      node !== START &&
      !(typeof namespace === 'string' && namespace.includes(NAMESPACE_SEPARATOR)) &&
      (tags ?? []).some((tag) => tag.startsWith(STEP_TAG));
    if (!isNode) return;
    try {
      await this.#beforeNode(node, this.#signal);
    } catch (error) {
      if (!this.#signal.aborted) throw error;
    }
    if (this.#signal.aborted) await new Promise<never>(() => {});
  }
}
