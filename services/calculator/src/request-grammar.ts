import { SourceText } from './source-text.ts';

/** The calculator's skills, as its card lists them. */
export type Skill = 'arithmetic' | 'percentages' | 'statistics' | 'unit-conversion';

/** A request rewritten as a mathjs expression. */
export interface Rewrite {
  expression: SourceText;
  /** The skill the phrasing belongs to; undefined when the expression itself tells. */
  skill?: Skill;
  /** Written after the result: `%` for "what percent of". */
  resultUnit?: string;
}

type Operands = Readonly<Record<string, SourceText>>;
type Phrasing = readonly [RegExp, Skill, (operands: Operands) => Array<SourceText | string>, string?];

const number = /^\d+(?:\.\d+)?$/;
const required = (operand: SourceText | undefined): SourceText => {
  if (!operand) throw new Error('a phrasing names an operand its pattern does not capture');
  return operand;
};
/** An operand in parentheses, unless it is a number or has them (`15 / 100 * 80`, not `(15) / 100 * (80)`). */
const grouped = (operand: SourceText | undefined): Array<SourceText | string> =>
  number.test(required(operand).text) || isParenthesized(required(operand).text)
    ? [required(operand)]
    : ['(', required(operand), ')'];

/** Whether the whole text is one parenthesized group: `(40 + 40)`, not `(1) + (2)`. */
function isParenthesized(text: string): boolean {
  if (!text.startsWith('(')) return false;
  let depth = 0;
  for (const [index, char] of [...text].entries()) {
    depth += char === '(' ? 1 : char === ')' ? -1 : 0;
    if (depth === 0) return index === text.length - 1;
  }
  return false;
}

const percentOf = ({ x, y }: Operands) => [...grouped(x), ' / ', ...grouped(y), ' * 100'];

/**
 * The phrasings the calculator understands beyond mathjs syntax, tried in order against the
 * whole (normalized) request; "percent" is `%` by then. Each maps its operands, which may be
 * any expression, into a mathjs expression.
 */
const phrasings: readonly Phrasing[] = [
  // "30 is what percent of 120", "what percent of 120 is 30", "30 as a percentage of 120" → 30 / 120 * 100 %
  [/^(?<x>.+?)\s+is\s+what\s*%\s*of\s+(?<y>.+)$/i, 'percentages', percentOf, '%'],
  [/^what\s*%\s*of\s+(?<y>.+?)\s+is\s+(?<x>.+)$/i, 'percentages', percentOf, '%'],
  [/^(?<x>.+?)\s+as\s+an?\s*%\s*of\s+(?<y>.+)$/i, 'percentages', percentOf, '%'],
  // "percent change from 80 to 100" → (100 - 80) / 80 * 100 %
  [
    /^%\s*change\s+from\s+(?<x>.+?)\s+to\s+(?<y>.+)$/i,
    'percentages',
    ({ x, y }) => ['(', ...grouped(y), ' - ', ...grouped(x), ') / ', ...grouped(x), ' * 100'],
    '%',
  ],
  // "15% of 80" → 15 / 100 * 80
  [/^(?<p>.+?)\s*%\s*of\s+(?<x>.+)$/i, 'percentages', ({ p, x }) => [...grouped(p), ' / 100 * ', ...grouped(x)]],
  // "increase 120 by 15%" / "120 increased by 15%" → 120 * (1 + 15 / 100); likewise decrease
  [/^increase\s+(?<x>.+?)\s+by\s+(?<p>.+?)\s*%$/i, 'percentages', ({ x, p }) => increase(x, p, '+')],
  [/^(?<x>.+?)\s+increased\s+by\s+(?<p>.+?)\s*%$/i, 'percentages', ({ x, p }) => increase(x, p, '+')],
  [/^decrease\s+(?<x>.+?)\s+by\s+(?<p>.+?)\s*%$/i, 'percentages', ({ x, p }) => increase(x, p, '-')],
  [/^(?<x>.+?)\s+decreased\s+by\s+(?<p>.+?)\s*%$/i, 'percentages', ({ x, p }) => increase(x, p, '-')],
  // "mean of 3, 5, 8 and 13" → mean(3, 5, 8, 13); "population standard deviation of ..." → std([...], "uncorrected")
  [
    /^(?<stat>(?:population\s+|sample\s+)?(?:standard\s+deviation|std\.?\s*dev\.?|stdev|variance)|mean|average|avg|median|mode|minimum|min|maximum|max|smallest|lowest|largest|highest|biggest|sum|total|product)\s*(?:of\b|:)\s*(?:the\s+(?:numbers|values)\s*:?\s*)?(?<list>.+)$/i,
    'statistics',
    ({ stat, list }) => statistic(stat?.text ?? '', list),
  ],
  // "how many minutes in 2.5 hours" → 2.5 hours to minutes
  [
    /^how\s+many\s+(?<u>.+?)\s+(?:are\s+)?(?:there\s+)?in\s+(?<x>.+)$/i,
    'unit-conversion',
    ({ u, x }) => [required(x), ' to ', required(u)],
  ],
];

const statisticNames: ReadonlyArray<readonly [RegExp, string]> = [
  [/deviation|dev|stdev/i, 'std'],
  [/variance/i, 'variance'],
  [/mean|average|avg/i, 'mean'],
  [/median/i, 'median'],
  [/mode/i, 'mode'],
  [/min|smallest|lowest/i, 'min'],
  [/max|largest|highest|biggest/i, 'max'],
  [/sum|total/i, 'sum'],
  [/product/i, 'prod'],
];

function increase(x: SourceText | undefined, p: SourceText | undefined, sign: '+' | '-') {
  return [...grouped(x), ` * (1 ${sign} `, ...grouped(p), ' / 100)'];
}

/** `fn(list)`, with "and" and bare spaces between numbers made commas. */
function statistic(stat: string, list: SourceText | undefined): Array<SourceText | string> {
  const name = statisticNames.find(([pattern]) => pattern.test(stat))?.[1] ?? 'mean';
  let items = required(list).replace(/\s*,?\s+and\s+/gi, ', ');
  if (/^-?\d+(?:\.\d+)?(?:\s+-?\d+(?:\.\d+)?)+$/.test(items.text)) items = items.replace(/\s+/g, ', ');
  const population = /population/i.test(stat) && (name === 'std' || name === 'variance');
  if (!population) return [`${name}(`, items, ')'];
  const array = items.text.startsWith('[') ? [items] : ['[', items, ']'];
  return [`${name}(`, ...array, ', "uncorrected")'];
}

/**
 * The request as a mathjs expression: one of the phrasings above, or else the request itself
 * (`(2 + 3) * 4^2`, `80 * 15%`, `5 km to miles`, `mean(3, 5)` are mathjs already).
 */
export function rewriteRequest(request: SourceText): Rewrite {
  for (const [pattern, skill, build, resultUnit] of phrasings) {
    const match = new RegExp(pattern.source, `${pattern.flags}d`).exec(request.text);
    const spans = match?.indices?.groups;
    if (!spans) continue;
    const operands: Record<string, SourceText> = {};
    for (const [name, span] of Object.entries(spans)) {
      if (span) operands[name] = request.slice(span[0], span[1]).trim();
    }
    return { expression: SourceText.join(build(operands)), skill, ...(resultUnit ? { resultUnit } : {}) };
  }
  return { expression: request };
}
