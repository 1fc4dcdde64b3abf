/** A way of changing the wording, applied sentence by sentence (see `restyle`). */
export type Style = 'concise' | 'plain' | 'formal';

/** How many sentences to keep: a number, a summary's share (a third, 1 to 5), half, or all. */
export type Keep = number | 'summary' | 'half' | 'all';

/** What the user asked the writer to do. */
export interface Instruction {
  /** Which card skill this is; it names the artifact (`summary` or `rewrite`). */
  skill: 'summarize' | 'rewrite';
  keep: Keep;
  /** Applied in this order: concise, plain, formal. */
  styles: Style[];
  /** One `- ` line per sentence instead of prose. */
  bullets: boolean;
}

/** What the writer does with text that comes without an instruction. */
export const defaultInstruction: Instruction = { skill: 'summarize', keep: 'summary', styles: [], bullets: false };

const verbs =
  /^(?:please\s+)?(summari[sz]e|summary|tl;?dr|rewrite|rephrase|reword|shorten|condense|simplify|formali[sz]e|make|turn|convert|put|format|bullets?|bullet points|plain|formal|shorter)\b/;
/** Verbs that say nothing by themselves ("make sure …"); they need a style or bullets too. */
const vagueVerbs = new Set(['make', 'turn', 'convert', 'put', 'format']);
const numberWords = new Map<string, number>([
  ['a', 1],
  ['a single', 1],
  ...'one two three four five six seven eight nine ten'.split(' ').map((word, index) => [word, index + 1] as const),
]);
const count =
  /\b(\d{1,2}|a single|a|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:short\s+)?(?:sentences?|bullets?|bullet points?|points?|lines?)\b/;
const styleWords: [Style, RegExp][] = [
  ['concise', /\b(?:short|shorter|shorten|condense|concise|brief|briefer|briefly|tighten|trim)\b/],
  ['plain', /\b(?:plain|simple|simpler|simplify|simplified|easy|easier)\b/],
  ['formal', /\b(?:formal|formally|formali[sz]e|professional|professionally)\b/],
];
const bulletWords = /\b(?:bullets?|bulleted|bullet points?|points|list)\b/;

/** The longest instruction the writer looks for at the start of a message. */
const longestInstruction = 80;

/**
 * The instruction a short phrase gives, e.g. `summarize in 2 sentences`, `rewrite as bullet
 * points`, `make it shorter`, `rewrite formally`; `undefined` when the phrase does not start
 * with one of the writer's verbs.
 */
export function instructionFrom(phrase: string): Instruction | undefined {
  const head = phrase
    .trim()
    .toLowerCase()
    .replace(/[.!?]+$/, '');
  const verb = verbs.exec(head)?.[1];
  if (verb === undefined) return undefined;
  const styles = styleWords.filter(([, pattern]) => pattern.test(head)).map(([style]) => style);
  const bullets = bulletWords.test(head);
  if (vagueVerbs.has(verb) && styles.length === 0 && !bullets) return undefined;
  const skill = /^(?:summar|tl)/.test(verb) ? 'summarize' : 'rewrite';
  const wanted = count.exec(head)?.[1];
  const keep: Keep =
    wanted !== undefined
      ? (numberWords.get(wanted) ?? Number(wanted))
      : skill === 'summarize'
        ? 'summary'
        : styles.includes('concise')
          ? 'half'
          : 'all';
  // A bare "rewrite" has to change something: it writes plainly.
  if (skill === 'rewrite' && styles.length === 0 && !bullets && keep === 'all') styles.push('plain');
  return { skill, keep, styles, bullets };
}

/**
 * Splits a message into its instruction and the text to work on. The instruction is the start
 * of the first line, up to a colon (`summarize in 2 sentences: …`), or the whole first line when
 * it is short and starts with one of the writer's verbs (`Summarize this as bullet points`, the
 * text on the next lines). Anything else is all text, with no instruction.
 */
export function parseInstruction(message: string): { instruction?: Instruction; text: string } {
  const text = message.trimStart();
  const newline = text.indexOf('\n');
  const firstLine = newline === -1 ? text : text.slice(0, newline);
  const colon = firstLine.indexOf(':');
  if (colon > 0 && colon <= longestInstruction) {
    const instruction = instructionFrom(firstLine.slice(0, colon));
    if (instruction) return { instruction, text: text.slice(colon + 1).trim() };
  }
  if (firstLine.length <= longestInstruction) {
    const instruction = instructionFrom(firstLine);
    if (instruction) return { instruction, text: text.slice(firstLine.length).trim() };
  }
  return { text: text.trim() };
}

/** How many of `total` sentences an instruction keeps. */
export function sentencesToKeep(keep: Keep, total: number): number {
  if (keep === 'all') return total;
  if (keep === 'half') return Math.min(total, Math.max(1, Math.ceil(total / 2)));
  if (keep === 'summary') return Math.min(total, 5, Math.max(1, Math.round(total / 3)));
  return Math.min(total, Math.max(1, keep));
}
