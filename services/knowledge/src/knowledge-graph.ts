import { Annotation, END, START, StateGraph, interrupt } from '@langchain/langgraph';
import type { LangGraphRunnableConfig } from '@langchain/langgraph';
import type { Progress } from '@a2a-mesh/langgraph';
import { folderLabel, toResult } from './knowledge-answer.ts';
import type { KnowledgeAnswer, KnowledgeResult } from './knowledge-answer.ts';
import type { KnowledgeBase } from './knowledge-base.ts';
import type { PassageHit } from './passage-index.ts';
import type { FolderScan } from './scan-docs-folder.ts';
import { analyzeQuestion } from './search-terms.ts';
import type { VagueReason } from './search-terms.ts';

/** Options of {@link createKnowledgeGraph}. */
export interface KnowledgeGraphOptions {
  knowledgeBase: KnowledgeBase;
  /** How many passages an answer lists. Default 5. */
  maxResults?: number;
  /** Fewest characters of topic words a searchable question has. Default 3 ("SSE" passes). */
  minTopicChars?: number;
}

/** The state of one question's run. Only small, plain values: checkpoints copy it. */
export const KnowledgeState = Annotation.Root({
  question: Annotation<string>(),
  words: Annotation<string[]>(),
  vague: Annotation<VagueReason | undefined>(),
  scan: Annotation<FolderScan>(),
  passages: Annotation<number>(),
  hitCount: Annotation<number>(),
  /** The best hits, at most `maxResults`. */
  hits: Annotation<PassageHit[]>(),
  results: Annotation<KnowledgeResult[]>(),
  answer: Annotation<KnowledgeAnswer>(),
});
type State = typeof KnowledgeState.State;

const example = 'How does resubscribe with Last-Event-ID work?';

/**
 * The knowledge agent's graph, one run per question:
 *
 * `understand` → (too vague: `ask` → `understand`) → `load` → `index` → `search` → (hits:
 * `rank`) → `compose`.
 *
 * `ask` stops at `interrupt()` with a request for a better question; the reply replaces the
 * question. `load`, `index`, `search` and `rank` each report their stage with
 * `config.writer({ text, data: { stage, … } })`, which the graph executor publishes as a
 * `working` update. The final state's `answer` is the structured answer.
 */
export function createKnowledgeGraph(options: KnowledgeGraphOptions) {
  const { knowledgeBase } = options;
  const maxResults = options.maxResults ?? 5;
  const label = `${folderLabel(knowledgeBase.folder)}/`;

  return new StateGraph(KnowledgeState)
    .addNode('understand', (state: State) => {
      const analysis = analyzeQuestion(state.question, options.minTopicChars);
      return { words: analysis.words, vague: analysis.vague };
    })
    .addNode('ask', (state: State) => {
      const question =
        state.vague === 'empty'
          ? `What should I look up in ${label}? Ask a question or name a topic, for example "${example}"`
          : `"${state.question.trim()}" is too vague to search ${label}: it names no topic. ` +
            `What would you like to know? For example "${example}"`;
      const reply: unknown = interrupt({ question, reason: state.vague, previous: state.question });
      return { question: typeof reply === 'string' ? reply : '' };
    })
    .addNode('load', async (_state: State, config: LangGraphRunnableConfig) => {
      const scan = await knowledgeBase.scan();
      const files = scan.files.length;
      const text = `Loading documents: ${plural(files, 'file')} (${formatBytes(scan.bytes)}) in ${scan.folder}`;
      report(config, text, { stage: 'loading', folder: scan.folder, files, bytes: scan.bytes });
      return { scan };
    })
    .addNode('index', async (state: State, config: LangGraphRunnableConfig) => {
      const { passages, files, reused } = await knowledgeBase.index(state.scan);
      const counts = `${plural(passages, 'passage')} from ${plural(files, 'file')}`;
      const text = reused ? `Index up to date: ${counts}` : `Indexed ${counts}`;
      report(config, text, { stage: 'indexing', passages, files, reused });
      return { passages };
    })
    .addNode('search', (state: State, config: LangGraphRunnableConfig) => {
      const hits = knowledgeBase.search(state.words);
      const text = `Searching for ${state.words.join(', ')}: ${plural(hits.length, 'hit')}`;
      report(config, text, { stage: 'searching', terms: state.words, hits: hits.length });
      return { hits: hits.slice(0, maxResults), hitCount: hits.length, results: [] };
    })
    .addNode('rank', (state: State, config: LangGraphRunnableConfig) => {
      const results = state.hits.map((hit) => toResult(hit, knowledgeBase.folder));
      const text = `Top scores: ${results.map((result) => `${result.score} ${result.source}`).join('; ')}`;
      report(config, text, { stage: 'ranking', top: results.map(({ source, score }) => ({ source, score })) });
      return { results };
    })
    .addNode('compose', (state: State) => ({
      answer: {
        query: state.question.trim(),
        terms: state.words,
        folder: state.scan.folder,
        hits: state.hitCount,
        passages: state.passages,
        results: state.results,
      } satisfies KnowledgeAnswer,
    }))
    .addEdge(START, 'understand')
    .addConditionalEdges('understand', (state: State) => (state.vague ? 'ask' : 'load'), ['ask', 'load'])
    .addEdge('ask', 'understand')
    .addEdge('load', 'index')
    .addEdge('index', 'search')
    .addConditionalEdges('search', (state: State) => (state.hitCount > 0 ? 'rank' : 'compose'), ['rank', 'compose'])
    .addEdge('rank', 'compose')
    .addEdge('compose', END)
    .compile();
}

function report(config: LangGraphRunnableConfig, text: string, data: Record<string, unknown>): void {
  config.writer?.({ text, data } satisfies Progress);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
