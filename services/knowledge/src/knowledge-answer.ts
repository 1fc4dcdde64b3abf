import path from 'node:path';
import type { Artifact } from '@a2a-mesh/protocol';
import { excerptOf } from './excerpt-of.ts';
import type { PassageHit } from './passage-index.ts';
import type { Passage } from './split-passages.ts';

/** One ranked passage of an answer, as it appears in the answer's data part. */
export interface KnowledgeResult {
  /** Where it is: `docs/streaming.md#resuming-a-stream (lines 40–58)`. */
  source: string;
  /** The document, relative to the docs folder. */
  file: string;
  /** The heading path, outermost first, joined with ` › `; empty before a document's first heading. */
  heading: string;
  /** First and last line of the passage, 1-based. */
  lines: [number, number];
  /** Relevance, rounded to two decimals; only comparable within one answer. */
  score: number;
  /** About 280 characters around the first match, on one line. */
  excerpt: string;
  /** The whole passage as written (at most about 1,200 characters), for a reader or a summarizer. */
  text: string;
}

/** The structured answer to a question: the answer artifact's data part. */
export interface KnowledgeAnswer {
  /** The question as asked (after any clarification). */
  query: string;
  /** The topic words that were searched for. */
  terms: string[];
  /** The docs folder, absolute. */
  folder: string;
  /** How many passages matched; `results` holds the best of them. */
  hits: number;
  /** How many passages were searched. */
  passages: number;
  results: KnowledgeResult[];
}

/** The name sources start with: the docs folder's own name (`docs`). */
export function folderLabel(folder: string): string {
  return path.basename(folder) || folder;
}

/** `docs/file.md#anchor (lines a–b)`: a link a reader can follow, and the lines to look at. */
export function sourceOf(passage: Passage, folder: string): string {
  const anchor = passage.anchor ? `#${passage.anchor}` : '';
  return `${folderLabel(folder)}/${passage.file}${anchor} (lines ${passage.lineStart}–${passage.lineEnd})`;
}

/** A search hit as an answer result. */
export function toResult(hit: PassageHit, folder: string): KnowledgeResult {
  const { passage } = hit;
  return {
    source: sourceOf(passage, folder),
    file: passage.file,
    heading: passage.headings.join(' › '),
    lines: [passage.lineStart, passage.lineEnd],
    score: Math.round(hit.score * 100) / 100,
    excerpt: excerptOf(passage.text, hit.terms),
    text: passage.text,
  };
}

/** The answer for people: the best passages with their sources, or a clear "nothing found". */
export function answerText(answer: KnowledgeAnswer): string {
  const about = answer.terms.join(' ');
  if (answer.results.length === 0) {
    return (
      `Nothing found about "${about}" in ${answer.folder}: none of its ${answer.passages} passages ` +
      'mentions those words. Try other words, or a broader question.'
    );
  }
  const best = answer.results.length === answer.hits ? '' : `; the best ${answer.results.length}`;
  const lines = [
    `Found ${answer.hits} ${answer.hits === 1 ? 'passage' : 'passages'} about "${about}" in ${folderLabel(answer.folder)}/${best}:`,
  ];
  for (const [index, result] of answer.results.entries()) {
    lines.push('', `${index + 1}. ${result.source}, score ${result.score}`);
    if (result.heading) lines.push(`   ${result.heading}`);
    lines.push(`   ${result.excerpt}`);
  }
  return lines.join('\n');
}

/** The answer artifact: the readable text, then the structured results. */
export function answerArtifact(answer: KnowledgeAnswer): Artifact {
  return {
    artifactId: 'answer',
    name: 'answer',
    description: answer.results.length === 0 ? 'Nothing found' : `The ${answer.results.length} best passages`,
    parts: [
      { kind: 'text', text: answerText(answer) },
      { kind: 'data', data: { ...answer } },
    ],
  };
}
