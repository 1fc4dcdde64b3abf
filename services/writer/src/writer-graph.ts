import { Annotation, END, START, StateGraph, interrupt } from '@langchain/langgraph';
import type { LangGraphRunnableConfig } from '@langchain/langgraph';
import type { Progress, TextChunk } from '@a2a-mesh/langgraph';
import { describeLlmError } from '@a2a-mesh/llm';
import type { ChatModelHandle } from '@a2a-mesh/llm';
import { silentLogger } from '@a2a-mesh/server';
import type { Logger } from '@a2a-mesh/server';
import { defaultInstruction, sentencesToKeep } from './instruction.ts';
import type { Instruction } from './instruction.ts';
import { layoutChunks } from './layout-chunks.ts';
import { llmPrompt } from './llm-prompt.ts';
import { scoreSentences, selectSentences } from './score-sentences.ts';
import { splitSentences } from './split-sentences.ts';
import type { Sentence } from './split-sentences.ts';
import { words } from './terms.ts';
import type { WriterRequest } from './writer-request.ts';

/** The writer's graph state. `request` is the input; the rest is filled in as the nodes run. */
export const WriterState = Annotation.Root({
  request: Annotation<WriterRequest>(),
  instruction: Annotation<Instruction>(),
  sentences: Annotation<Sentence[]>(),
  scores: Annotation<number[]>(),
  /** Indexes into `sentences` of those to write; absent: all of them. */
  chosen: Annotation<number[] | undefined>(),
  /** The LLM wrote the answer; the deterministic nodes have nothing left to do. */
  drafted: Annotation<boolean>(),
});

type State = typeof WriterState.State;

/** Options of {@link createWriterGraph}. */
export interface WriterGraphOptions {
  /** The LLM to write with; without one (or when it fails) the writer is deterministic. */
  llm?: ChatModelHandle;
  logger?: Logger;
}

/**
 * The writer as a LangGraph graph:
 *
 * ```
 * read ─┬─ llm ──(failed)──┬─ score ── select ── write
 *       └──────────────────┴───────(keep all)─── write
 * ```
 *
 * `read` splits the text into sentences, first asking for text (`interrupt`, so A2A
 * `input-required`) when there is none. `llm` streams the LLM's answer (LangGraph `messages`
 * mode); on any failure it logs a warning and hands over to the deterministic nodes. `score` and
 * `select` pick the sentences to keep; `write` streams them, restyled, one chunk per sentence.
 */
export function createWriterGraph(options: WriterGraphOptions = {}) {
  const { llm } = options;
  const logger = options.logger ?? silentLogger;
  /** Where the deterministic path starts: rewrites that keep every sentence need no scores. */
  const deterministic = (state: State) => (state.instruction.keep === 'all' ? 'write' : 'score');

  return new StateGraph(WriterState)
    .addNode('read', read)
    .addNode('llm', async (state, config) => {
      if (!llm) return { drafted: false };
      return { drafted: await draft(llm, logger, state, config) };
    })
    .addNode('score', score)
    .addNode('select', select)
    .addNode('write', write)
    .addEdge(START, 'read')
    .addConditionalEdges('read', (state) => (llm ? 'llm' : deterministic(state)), ['llm', 'score', 'write'])
    .addConditionalEdges('llm', (state) => (state.drafted ? END : deterministic(state)), ['score', 'write', END])
    .addEdge('score', 'select')
    .addEdge('select', 'write')
    .addEdge('write', END)
    .compile();
}

function read(state: State, config: LangGraphRunnableConfig) {
  let request = state.request;
  let sentences = splitSentences(request.text);
  // Progress is written after the interrupts: a resumed node runs again from its top.
  while (sentences.length === 0) {
    const reply = interrupt({ question: askForText(request.instruction) }) as WriterRequest;
    request = { instruction: reply.instruction ?? request.instruction, text: reply.text };
    sentences = splitSentences(request.text);
  }
  const wordCount = words(request.text).length;
  progress(config, `Reading: ${wordCount} words, ${sentences.length} sentences`, {
    step: 'reading',
    words: wordCount,
    sentences: sentences.length,
  });
  return { request, sentences, instruction: request.instruction ?? defaultInstruction };
}

async function draft(llm: ChatModelHandle, logger: Logger, state: State, config: LangGraphRunnableConfig) {
  progress(config, `Writing with ${llm.modelName}`, { step: 'writing', model: llm.modelName });
  try {
    const prompt = llmPrompt(state.instruction, state.request.text, state.sentences.length);
    const answer = await llm.model.invoke(prompt, config);
    if (answer.text.trim() === '') throw new Error('the model answered with no text');
    return true;
  } catch (error) {
    if (config.signal?.aborted) throw error;
    const reason = describeLlmError(error);
    logger.warn(
      { url: llm.url, model: llm.modelName, reason },
      `LLM at ${llm.url} failed (${reason}); writing without it`,
    );
    progress(config, `The language model is unavailable (${reason}); writing without it`, {
      step: 'fallback',
      reason,
    });
    return false;
  }
}

function score(state: State, config: LangGraphRunnableConfig) {
  const { scores, terms } = scoreSentences(state.sentences.map((sentence) => sentence.text));
  progress(config, `Scoring ${scores.length} sentences by term frequency and position`, {
    step: 'scoring',
    sentences: scores.length,
    terms,
  });
  return { scores };
}

function select(state: State, config: LangGraphRunnableConfig) {
  const total = state.sentences.length;
  const keep = sentencesToKeep(state.instruction.keep, total);
  progress(config, `Selecting ${keep} of ${total} sentences`, { step: 'selecting', selected: keep, of: total });
  return { chosen: selectSentences(state.scores, keep) };
}

function write(state: State, config: LangGraphRunnableConfig) {
  const { instruction } = state;
  const sentences = state.chosen?.map((index) => state.sentences[index]!) ?? state.sentences;
  const chunks = layoutChunks(sentences, instruction);
  const artifactId = instruction.skill === 'summarize' ? 'summary' : 'rewrite';
  for (const [index, chunk] of chunks.entries()) {
    config.writer?.({ chunk, artifactId, name: artifactId, last: index === chunks.length - 1 } satisfies TextChunk);
  }
  return {};
}

function askForText(instruction: Instruction | undefined): string {
  const verb = (instruction ?? defaultInstruction).skill === 'summarize' ? 'summarize' : 'rewrite';
  return `What should I ${verb}? Send the text in your reply, as text or as a data part { text } or { artifact }.`;
}

function progress(config: LangGraphRunnableConfig, text: string, data: Record<string, unknown>): void {
  config.writer?.({ text, data } satisfies Progress);
}
