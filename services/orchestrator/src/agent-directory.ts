import { fetchAgentCard } from '@a2a-mesh/client';
import type { AgentCard } from '@a2a-mesh/protocol';
import { silentLogger } from '@a2a-mesh/server';
import type { Logger } from '@a2a-mesh/server';
import { agentKey, provisionalAgentKey } from './agent-directory-key.ts';
import { describeCardProblem } from './agent-directory-problem.ts';
import { defaultRefreshIntervalMs } from './directory-config.ts';
import type { KnownAgent } from './plan.ts';

/** Reads and validates one agent card; throws when it cannot. */
export type CardReader = (url: string, options: { timeoutMs: number; signal: AbortSignal }) => Promise<AgentCard>;

/** Options of {@link AgentDirectory}. */
export interface AgentDirectoryOptions {
  /** Base or card URLs of the specialists (see `readDirectoryConfig`). */
  readonly specialists: readonly string[];
  readonly logger?: Logger;
  /** Milliseconds between two reads of every card once started; default 15 s. */
  readonly refreshIntervalMs?: number;
  /** How long one card read may take before the agent counts as down; default 5 s. */
  readonly timeoutMs?: number;
  /** Reads a card; default `fetchAgentCard` from `@a2a-mesh/client`. */
  readonly readCard?: CardReader;
  /** The clock, for `checkedAt`. */
  readonly now?: () => number;
}

/** What a `change` listener is told: every agent now, and the ones whose health or card changed. */
export interface DirectoryChange {
  readonly agents: readonly KnownAgent[];
  readonly changed: readonly KnownAgent[];
}

/** Called after a read of the cards changed an agent's health, problem or card. */
export type DirectoryListener = (change: DirectoryChange) => void;

interface Entry {
  readonly url: string;
  key: string;
  /** False until the first card is read: the key still comes from the URL. */
  keyFromCard: boolean;
  card: AgentCard | undefined;
  cardJson: string | undefined;
  healthy: boolean;
  problem: string | undefined;
  checkedAt: number | undefined;
  /** Whether any read has finished yet, so the first one logs as discovery. */
  read: boolean;
}

const defaultTimeoutMs = 5_000;
const notReadYet = 'not checked yet';

/**
 * The specialists the orchestrator knows, by URL, and what their cards say. `start()` reads every
 * card, then reads them again every `refreshIntervalMs` (the timer never keeps the process
 * alive); `refresh()` reads them now. An agent that does not answer, or answers with a card that
 * fails validation, is `healthy: false` with a `problem` a person can act on, keeps its last good
 * card, and is healthy again as soon as a read succeeds. Its `key` is its card's name in kebab
 * case, unique in the directory, fixed by the first card read (a later rename does not change
 * it); until then it is derived from its URL (`127-0-0-1-9102`).
 *
 * Goings down and comings back are logged (warn, info) and announced to `change` listeners.
 */
export class AgentDirectory {
  readonly #entries: Entry[];
  readonly #logger: Logger;
  readonly #intervalMs: number;
  readonly #timeoutMs: number;
  readonly #readCard: CardReader;
  readonly #now: () => number;
  readonly #listeners = new Set<DirectoryListener>();
  #timer: NodeJS.Timeout | undefined;
  #running: { signal: AbortSignal; promise: Promise<void> } | undefined;
  #started = false;
  #aborter = new AbortController();

  constructor(options: AgentDirectoryOptions) {
    this.#logger = options.logger ?? silentLogger;
    this.#intervalMs = options.refreshIntervalMs ?? defaultRefreshIntervalMs;
    this.#timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
    this.#readCard = options.readCard ?? readCardOverHttp;
    this.#now = options.now ?? Date.now;
    const taken = new Set<string>();
    this.#entries = [...new Set(options.specialists)].map((url) => {
      const key = provisionalAgentKey(url, taken);
      taken.add(key);
      const entry: Entry = {
        url,
        key,
        keyFromCard: false,
        card: undefined,
        cardJson: undefined,
        healthy: false,
        problem: notReadYet,
        checkedAt: undefined,
        read: false,
      };
      return entry;
    });
  }

  /** Every configured agent, healthy or not, in configuration order. */
  agents(): KnownAgent[] {
    return this.#entries.map(toKnownAgent);
  }

  /** The agent with this key, if there is one. */
  get(key: string): KnownAgent | undefined {
    const entry = this.#entries.find((candidate) => candidate.key === key);
    return entry && toKnownAgent(entry);
  }

  /** Reads every card now, then again every `refreshIntervalMs` until {@link stop}. */
  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    await this.refresh();
    this.#schedule();
  }

  /** Stops the periodic reads and abandons one in progress. */
  stop(): void {
    this.#started = false;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#aborter.abort();
  }

  /** Reads every card now; a read already running is joined rather than doubled. */
  refresh(): Promise<void> {
    // A read abandoned by stop() updates nothing: a refresh after it starts a new one.
    if (this.#aborter.signal.aborted) this.#aborter = new AbortController();
    const signal = this.#aborter.signal;
    if (this.#running?.signal !== signal) {
      const promise = this.#readAll(signal).finally(() => {
        if (this.#running?.promise === promise) this.#running = undefined;
      });
      this.#running = { signal, promise };
    }
    return this.#running.promise;
  }

  /** Listens for changes of health or card; returns the function that stops listening. */
  on(event: 'change', listener: DirectoryListener): () => void {
    if (event !== 'change') throw new TypeError(`AgentDirectory has no "${String(event)}" event`);
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Stops a listener added with {@link on}. */
  off(event: 'change', listener: DirectoryListener): void {
    if (event === 'change') this.#listeners.delete(listener);
  }

  #schedule(): void {
    // One timer at most, however start() and stop() interleave with a read in flight.
    clearTimeout(this.#timer);
    if (!this.#started) return;
    this.#timer = setTimeout(() => {
      this.refresh().then(
        () => this.#schedule(),
        () => this.#schedule(),
      );
    }, this.#intervalMs);
    this.#timer.unref();
  }

  async #readAll(signal: AbortSignal): Promise<void> {
    const changed = await Promise.all(this.#entries.map((entry) => this.#readOne(entry, signal)));
    const changedEntries = this.#entries.filter((_, index) => changed[index]);
    if (changedEntries.length === 0) return;
    const change: DirectoryChange = { agents: this.agents(), changed: changedEntries.map(toKnownAgent) };
    for (const listener of this.#listeners) {
      try {
        listener(change);
      } catch (error) {
        this.#logger.error({ err: error }, 'agent directory change listener failed');
      }
    }
  }

  /** Reads one card and updates the entry; true when its health, problem or card changed. */
  async #readOne(entry: Entry, signal: AbortSignal): Promise<boolean> {
    const before = { healthy: entry.healthy, problem: entry.problem, cardJson: entry.cardJson };
    const firstRead = !entry.read;
    try {
      const card = await this.#readCard(entry.url, { timeoutMs: this.#timeoutMs, signal });
      if (signal.aborted) return false;
      if (!entry.keyFromCard) {
        const taken = new Set(this.#entries.filter((other) => other !== entry).map((other) => other.key));
        entry.key = agentKey(card.name, taken);
        entry.keyFromCard = true;
      }
      Object.assign(entry, {
        card,
        cardJson: JSON.stringify(card),
        healthy: true,
        problem: undefined,
        checkedAt: this.#now(),
        read: true,
      });
      const fields = { agent: entry.key, url: entry.url, skills: card.skills.map((skill) => skill.id) };
      if (firstRead) this.#logger.info(fields, `agent ${entry.key} found at ${entry.url}`);
      else if (!before.healthy) this.#logger.info(fields, `agent ${entry.key} is back at ${entry.url}`);
    } catch (error) {
      if (signal.aborted) return false;
      const problem = describeCardProblem(error, this.#timeoutMs);
      Object.assign(entry, { healthy: false, problem, read: true });
      const fields = { agent: entry.key, url: entry.url, problem };
      if (before.healthy) this.#logger.warn(fields, `agent ${entry.key} is down: ${problem}`);
      else if (firstRead) this.#logger.warn(fields, `agent ${entry.key} is not available: ${problem}`);
      else if (before.problem !== problem) this.#logger.warn(fields, `agent ${entry.key} is still down: ${problem}`);
    }
    return before.healthy !== entry.healthy || before.problem !== entry.problem || before.cardJson !== entry.cardJson;
  }
}

function toKnownAgent(entry: Entry): KnownAgent {
  return {
    key: entry.key,
    url: entry.url,
    card: entry.card,
    healthy: entry.healthy,
    ...(entry.problem === undefined ? {} : { problem: entry.problem }),
    ...(entry.checkedAt === undefined ? {} : { checkedAt: entry.checkedAt }),
  };
}

const readCardOverHttp: CardReader = (url, { timeoutMs, signal }) =>
  fetchAgentCard(url, { timeout: timeoutMs, signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]) });
