import type { ConversationTurn } from './plan.ts';

/** Bounds of a {@link ConversationStore}. */
export interface ConversationStoreOptions {
  /** Turns kept per context, the latest ones. Default 10. */
  maxTurns?: number;
  /** Contexts kept; the one used least recently is forgotten first. Default 1,000. */
  maxContexts?: number;
  /** Longest request or answer kept, in characters; longer ones are cut. Default 4,000. */
  maxTextLength?: number;
}

/**
 * What was asked and answered in each conversation (A2A `contextId`), in memory, so that the
 * planner can resolve a follow-up ("and in miles?") against earlier results. Bounded three ways:
 * turns per context, contexts (least recently used first out), and characters per text.
 */
export class ConversationStore {
  readonly #contexts = new Map<string, ConversationTurn[]>();
  readonly #maxTurns: number;
  readonly #maxContexts: number;
  readonly #maxTextLength: number;

  constructor(options: ConversationStoreOptions = {}) {
    this.#maxTurns = options.maxTurns ?? 10;
    this.#maxContexts = options.maxContexts ?? 1_000;
    this.#maxTextLength = options.maxTextLength ?? 4_000;
  }

  /** The turns of a context, oldest first; empty for a context never seen (or forgotten). */
  history(contextId: string): ConversationTurn[] {
    const turns = this.#contexts.get(contextId);
    if (!turns) return [];
    this.#touch(contextId, turns);
    return [...turns];
  }

  /** Adds a turn to a context, dropping its oldest turn, or the least recently used context, when full. */
  record(contextId: string, turn: ConversationTurn): void {
    const turns = this.#contexts.get(contextId) ?? [];
    turns.push({ request: this.#cut(turn.request), answer: this.#cut(turn.answer) });
    if (turns.length > this.#maxTurns) turns.splice(0, turns.length - this.#maxTurns);
    this.#touch(contextId, turns);
    while (this.#contexts.size > this.#maxContexts) {
      const oldest = this.#contexts.keys().next().value as string;
      this.#contexts.delete(oldest);
    }
  }

  /** Contexts currently kept. */
  get size(): number {
    return this.#contexts.size;
  }

  /** A Map iterates in insertion order: re-inserting makes a context the most recently used. */
  #touch(contextId: string, turns: ConversationTurn[]): void {
    this.#contexts.delete(contextId);
    this.#contexts.set(contextId, turns);
  }

  #cut(text: string): string {
    return text.length > this.#maxTextLength ? `${text.slice(0, this.#maxTextLength - 1)}…` : text;
  }
}
