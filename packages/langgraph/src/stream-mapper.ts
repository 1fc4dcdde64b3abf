import { AIMessage, AIMessageChunk } from '@langchain/core/messages';
import { z } from 'zod';
import { ChunkedArtifacts } from './chunked-artifacts.ts';
import type { GraphUpdate } from './graph-update.ts';
import type { GraphInterrupt } from './interrupt-question.ts';
import { NodeTimer } from './node-timer.ts';
import { progressParts } from './progress-parts.ts';
import { ReplayFilter } from './replay-filter.ts';
import type { ReplayRecord } from './replay-filter.ts';
import { TextChunkSchema, defaultChunkArtifactId } from './text-chunk.ts';

/** Options of a {@link StreamMapper}. */
export interface StreamMapperOptions {
  /** What the interrupted nodes wrote in the previous run, when this run resumes them. */
  replay?: ReplayRecord;
  /** Which nodes' LLM messages become streamed artifacts. Default: every node's. */
  streamMessages?: boolean | ((node: string) => boolean);
  /** The clock of node timings, in milliseconds. */
  now?: () => number;
}

const TaskEventSchema = z.object({
  id: z.string(),
  name: z.string(),
  interrupts: z.array(z.unknown()).optional(),
});
const InterruptUpdateSchema = z.object({
  __interrupt__: z.array(z.object({ id: z.string().optional(), value: z.unknown() })),
});
const MessageMetadataSchema = z.object({
  langgraph_node: z.string().optional(),
  langgraph_checkpoint_ns: z.string().optional(),
});

/**
 * Turns what `graph.stream(input, { streamMode: StreamMapper.streamModes })` yields into A2A
 * updates, with no I/O: the graph executor publishes what it returns.
 *
 * - `custom`: a {@link TextChunk} streams an artifact; anything else is progress (see
 *   `progressParts`). Writes a resumed node repeats are dropped (see {@link ReplayFilter}).
 * - `tasks`: node start and end, as status metadata (see {@link NodeTiming}).
 * - `messages`: the text of AI messages streams an artifact per message, `message-<id>`,
 *   closed when the node that produces it ends.
 * - `updates`: collects `interrupt()`s; `values`: keeps the latest state, the run's result.
 */
export class StreamMapper {
  /** The stream modes the mapper understands, to pass to `graph.stream`. */
  static readonly streamModes = ['custom', 'tasks', 'messages', 'updates', 'values'] as const;

  readonly #chunks = new ChunkedArtifacts();
  readonly #timer: NodeTimer;
  readonly #replay: ReplayFilter;
  readonly #streamMessages: (node: string) => boolean;
  readonly #interrupts: GraphInterrupt[] = [];
  #state: Record<string, unknown> = {};

  constructor(options: StreamMapperOptions = {}) {
    this.#timer = new NodeTimer(options.now);
    this.#replay = new ReplayFilter(options.replay);
    const stream = options.streamMessages ?? true;
    this.#streamMessages = typeof stream === 'function' ? stream : () => stream;
  }

  /** The `interrupt()`s met in this run; the run ended waiting for input when there are any. */
  get interrupts(): readonly GraphInterrupt[] {
    return this.#interrupts;
  }

  /** The graph state after the last step (the `values` stream). */
  get state(): Record<string, unknown> {
    return this.#state;
  }

  /** What the interrupted nodes wrote, to de-duplicate their re-run on resume. */
  replayRecord(): ReplayRecord {
    return this.#replay.record();
  }

  /** The updates for one `[mode, chunk]` pair of the stream. */
  map(mode: string, chunk: unknown): GraphUpdate[] {
    switch (mode) {
      case 'custom':
        return this.#custom(chunk);
      case 'tasks':
        return this.#task(chunk);
      case 'messages':
        return this.#message(chunk);
      case 'updates': {
        const update = InterruptUpdateSchema.safeParse(chunk);
        if (update.success) this.#interrupts.push(...update.data.__interrupt__);
        return [];
      }
      case 'values':
        if (typeof chunk === 'object' && chunk !== null) this.#state = chunk as Record<string, unknown>;
        return [];
      default:
        return [];
    }
  }

  /** Ends every artifact still streaming: the run is over, however it ended. */
  finish(): GraphUpdate[] {
    return this.#chunks.close();
  }

  #custom(payload: unknown): GraphUpdate[] {
    if (!this.#replay.accept(payload)) return [];
    const chunk = TextChunkSchema.safeParse(payload);
    if (!chunk.success) return [{ kind: 'status', parts: progressParts(payload) }];
    const { chunk: text, artifactId = defaultChunkArtifactId, name, last } = chunk.data;
    return [
      this.#chunks.write({ artifactId, text, ...(name === undefined ? {} : { name }), ...(last ? { last } : {}) }),
    ];
  }

  #task(chunk: unknown): GraphUpdate[] {
    const task = TaskEventSchema.safeParse(chunk);
    if (!task.success) return [];
    const { id, name } = task.data;
    if (!isTaskEnd(chunk)) {
      this.#replay.started(id);
      return [{ kind: 'status', metadata: this.#timer.start(id, name) }];
    }
    const interrupted = (task.data.interrupts?.length ?? 0) > 0;
    this.#replay.ended(id, interrupted);
    return [...this.#chunks.close(id), { kind: 'status', metadata: this.#timer.end(id, name, interrupted) }];
  }

  #message(chunk: unknown): GraphUpdate[] {
    if (!Array.isArray(chunk)) return [];
    const [message, rawMetadata] = chunk as [unknown, unknown];
    const isChunk = AIMessageChunk.isInstance(message);
    if (!isChunk && !AIMessage.isInstance(message)) return [];
    const metadata = MessageMetadataSchema.safeParse(rawMetadata);
    const node = (metadata.success ? metadata.data.langgraph_node : undefined) ?? 'graph';
    if (!this.#streamMessages(node)) return [];
    const text = message.text;
    if (text === '') return [];
    const owner = ownerTask(metadata.success ? metadata.data.langgraph_checkpoint_ns : undefined);
    return [
      this.#chunks.write({
        artifactId: `message-${message.id ?? owner ?? node}`,
        text,
        name: node,
        // A whole message (a node returned it rather than streamed it) is its own last chunk.
        ...(isChunk ? {} : { last: true }),
        ...(owner === undefined ? {} : { owner }),
        metadata: { node },
      }),
    ];
  }
}

/** `tasks` mode sends a task's start with `input` and its end with `result`. */
function isTaskEnd(chunk: unknown): boolean {
  return typeof chunk === 'object' && chunk !== null && 'result' in chunk;
}

/** The top-level task id in a checkpoint namespace such as `agent:<task id>|tools:<task id>`. */
function ownerTask(namespace: string | undefined): string | undefined {
  const top = namespace?.split('|')[0];
  const separator = top?.indexOf(':') ?? -1;
  return top !== undefined && separator >= 0 ? top.slice(separator + 1) : undefined;
}
