/** One searchable piece of a document, and where it comes from. */
export interface Passage {
  /** The document, relative to the docs folder, with `/` separators. */
  file: string;
  /** The headings the passage sits under, outermost first; empty before the first heading. */
  headings: string[];
  /** The GitHub-style anchor of the innermost heading (`#resuming-a-stream`), if any. */
  anchor?: string;
  /** First line of the passage (its heading line, for a section's first passage), 1-based. */
  lineStart: number;
  /** Last non-blank line of the passage, 1-based, inclusive. */
  lineEnd: number;
  /** The passage's text as written, without its heading line. */
  text: string;
}

/** How documents are cut into passages. */
export interface SplitOptions {
  /**
   * A section longer than this many characters is cut at paragraph boundaries into passages of
   * at most this size; a longer paragraph (a big table or code block) is cut between lines.
   * Default 1,200.
   */
  maxPassageChars?: number;
}

interface Line {
  number: number;
  text: string;
}

const atxHeading = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const fenceOpening = /^ {0,3}(`{3,}|~{3,})/;

/**
 * Cuts a document into passages. Markdown (`markdown: true`) is cut at every ATX heading (`#` to
 * `######`, never inside a fenced code block); YAML front matter is skipped. Each section is one
 * passage, or several when it is longer than `maxPassageChars`, cut between paragraphs (and
 * inside a paragraph between lines). Plain text has no headings: it is cut between paragraphs only. Sections with no text are dropped.
 */
export function splitPassages(file: string, content: string, markdown: boolean, options: SplitOptions = {}): Passage[] {
  const maxChars = options.maxPassageChars ?? 1200;
  const lines = content.split(/\r?\n/).map((text, index) => ({ number: index + 1, text }));
  const passages: Passage[] = [];
  const anchors = new AnchorSlugger();
  let stack: string[] = [];
  let section: { headings: string[]; anchor?: string; headingLine?: number; body: Line[] } = {
    headings: [],
    body: [],
  };
  const flush = (): void => {
    for (const [index, chunk] of chunksOf(section.body, maxChars).entries()) {
      const first = index === 0 && section.headingLine !== undefined ? section.headingLine : chunk[0]!.number;
      passages.push({
        file,
        headings: section.headings,
        ...(section.anchor === undefined ? {} : { anchor: section.anchor }),
        lineStart: first,
        lineEnd: chunk.at(-1)!.number,
        text: chunk.map((line) => line.text).join('\n'),
      });
    }
  };

  let fence: string | undefined;
  const start = markdown ? frontMatterEnd(lines) : 0;
  for (const line of lines.slice(start)) {
    const opening = fenceOpening.exec(line.text)?.[1];
    if (fence !== undefined) {
      if (opening && opening[0] === fence[0] && opening.length >= fence.length) fence = undefined;
    } else if (opening) {
      fence = opening;
    } else if (markdown) {
      const heading = atxHeading.exec(line.text);
      if (heading) {
        flush();
        const level = heading[1]!.length;
        const title = plainTitle(heading[2]!);
        stack = [...stack.slice(0, level - 1), title];
        const headings = stack.filter((entry) => entry !== undefined && entry !== '');
        section = { headings, anchor: anchors.slug(title), headingLine: line.number, body: [] };
        continue;
      }
    }
    section.body.push(line);
  }
  flush();
  return passages;
}

/** The body's paragraphs, grouped into chunks of about `maxChars`, each trimmed of blank lines. */
function chunksOf(body: Line[], maxChars: number): Line[][] {
  const chunks: Line[][] = [];
  let chunk: Line[] = [];
  let size = 0;
  for (const paragraph of paragraphsOf(body).flatMap((lines) => piecesOf(lines, maxChars))) {
    const length = paragraph.reduce((sum, line) => sum + line.text.length + 1, 0);
    if (chunk.length > 0 && size + length > maxChars) {
      chunks.push(trimBlank(chunk));
      chunk = [];
      size = 0;
    }
    chunk.push(...paragraph);
    size += length;
  }
  if (chunk.length > 0) chunks.push(trimBlank(chunk));
  return chunks.filter((lines) => lines.length > 0);
}

/** Paragraphs: runs of lines between blank lines, a fenced code block counting as one line. */
function paragraphsOf(body: Line[]): Line[][] {
  const paragraphs: Line[][] = [];
  let current: Line[] = [];
  let fence: string | undefined;
  for (const line of body) {
    const opening = fenceOpening.exec(line.text)?.[1];
    if (fence !== undefined) {
      if (opening && opening[0] === fence[0] && opening.length >= fence.length) fence = undefined;
    } else if (opening) {
      fence = opening;
    } else if (line.text.trim() === '') {
      if (current.length > 0) paragraphs.push([...current, line]);
      current = [];
      continue;
    }
    current.push(line);
  }
  if (current.length > 0) paragraphs.push(current);
  return paragraphs;
}

/**
 * A paragraph longer than `maxChars` (a long table or code block) cut between lines into pieces
 * of at most `maxChars`, so that each table row or code line stays whole and a search for one
 * row finds the rows around it rather than the whole table.
 */
function piecesOf(paragraph: Line[], maxChars: number): Line[][] {
  const pieces: Line[][] = [];
  let piece: Line[] = [];
  let size = 0;
  for (const line of paragraph) {
    if (piece.length > 0 && size + line.text.length + 1 > maxChars) {
      pieces.push(piece);
      piece = [];
      size = 0;
    }
    piece.push(line);
    size += line.text.length + 1;
  }
  if (piece.length > 0) pieces.push(piece);
  return pieces;
}

function trimBlank(lines: Line[]): Line[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]!.text.trim() === '') start += 1;
  while (end > start && lines[end - 1]!.text.trim() === '') end -= 1;
  return lines.slice(start, end);
}

/** The index of the first line after a leading `---` … `---` YAML block, else 0. */
function frontMatterEnd(lines: Line[]): number {
  if (lines[0]?.text.trim() !== '---') return 0;
  const close = lines.findIndex((line, index) => index > 0 && /^(---|\.\.\.)\s*$/.test(line.text));
  return close < 0 ? 0 : close + 1;
}

/** A heading as a person reads it: inline code marks and emphasis removed. */
function plainTitle(raw: string): string {
  return raw.replaceAll(/[`*_]/g, '').trim();
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces as `-`, repeats numbered. */
class AnchorSlugger {
  readonly #seen = new Map<string, number>();

  slug(title: string): string {
    const base = title
      .toLowerCase()
      .replaceAll(/[^\p{L}\p{N}\s_-]/gu, '')
      .trim()
      .replaceAll(/\s/g, '-');
    const count = this.#seen.get(base) ?? 0;
    this.#seen.set(base, count + 1);
    return count === 0 ? base : `${base}-${count}`;
  }
}
