/**
 * Recognizers for requests whose shape says more than their words: `2^10` has no word in common
 * with a calculator's card, yet is plainly arithmetic. Each recognizer that fires yields a hint
 * naming card tags; a skill that carries one of those tags gets the hint's weight. Hints never
 * name an agent, so any card that tags its skills `math` or `question` benefits from them.
 */

/** What a recognizer saw, and which skills (by tag) it points to. */
export interface RouteHint {
  /** A word for the `reason`: `arithmetic`, `percentages`, `question`. */
  readonly name: string;
  /** Tags of the skills the hint points to, the most specific first; compared by stem. */
  readonly tags: readonly string[];
  /** Added to a skill's score when one of its tags is in `tags`. */
  readonly weight: number;
  /** Added for each further tag of `tags` the skill has: the more, the more specific the skill. */
  readonly perExtraTag: number;
}

/** Units of measure, as people write them in a conversion. */
const unitWords =
  'mm|cm|m|km|in|inch|inches|ft|foot|feet|yd|yard|yards|mi|mile|miles|nmi|mg|g|gram|grams|kg|kilograms?|lb|lbs|' +
  'pounds?|oz|ounces?|tons?|tonnes?|ml|l|liters?|litres?|gallons?|gal|pints?|quarts?|cups?|s|sec|seconds?|' +
  'min|minutes?|h|hr|hours?|days?|weeks?|months?|years?|c|f|k|celsius|fahrenheit|kelvin|degc|degf|' +
  'mph|kph|km/h|m/s|knots?|j|joules?|kj|cal|kcal|calories|wh|kwh|w|watts?|kw|hp|bytes?|kb|mb|gb|tb|' +
  'acres?|hectares?|ha|sqft|sqm|metres?|meters?|kilometres?|kilometers?|centimetres?|centimeters?|' +
  'millimetres?|millimeters?|degrees?';
const number = String.raw`\d[\d,]*(?:\.\d+)?`;

const arithmetic = new RegExp(
  [
    String.raw`\d\s*(?:[-+*/^×÷·]|\*\*|\bmod\b)\s*[-(\d.]`,
    String.raw`\)\s*[-+*/^×÷]`,
    String.raw`\b(?:sqrt|cbrt|log|ln|log10|log2|exp|sin|cos|tan|factorial|round|floor|ceil|abs|gcd|lcm)\s*\(`,
    String.raw`\d\s*!`,
    String.raw`\d\s+(?:plus|minus|times|multiplied by|divided by|to the power of|squared|cubed)\b`,
    String.raw`\bsquare root of\s+\d`,
  ].join('|'),
  'i',
);
const percent = new RegExp(
  String.raw`${number}\s*(?:%|percent\b)|\bpercent(?:age)?\s+(?:of|change)\b|\bwhat percent(?:age)?\b`,
  'i',
);
const statistics =
  /\b(?:mean|average|avg|median|mode|variance|standard deviation|std|sum|total|product|minimum|maximum|min|max|smallest|largest)\b\s*(?:of\b|:)?[\s\d.,;:()[\]-]*\d/i;
const unitConversion = new RegExp(
  String.raw`${number}\s*°?\s*(?:${unitWords})\b.*?\b(?:to|in|into|as)\s+°?(?:${unitWords})\b|` +
    String.raw`\bhow many\s+(?:${unitWords})\s+(?:are\s+)?in\b`,
  'i',
);
// Asking to be told is asking a question: "tell me about resubscribe", "explain heartbeats".
const whQuestion =
  /^(?:how|what|what's|whats|why|when|where|which|who|whom|whose|is there|are there|tell me|explain|describe|define)\b/i;
// "Is resubscribe supported?" asks about a subject; "can you book me a flight?" asks for a favour.
const yesNoQuestion = /^(?:is|are|does|do|did|can|could|will|should|may)\b(?!\s+(?:you|u)\b).*\?\s*$/i;

/** How much a math-looking request weighs: above the planner's threshold on its own. */
const math = { weight: 4, perExtraTag: 0.75 };
/**
 * A question weighs less than a tag: "will it rain in Oslo?" goes to the weather skill, not to
 * whatever answers questions. A question nothing else fits still goes to a question-answering
 * skill (see `pickSkill`).
 */
const question = { weight: 2, perExtraTag: 0 };

/**
 * The hints a clause gives. Math-looking input is never also a question: "what is 15% of 80"
 * starts like one but is arithmetic, and should not go to a question-answering skill when the
 * calculator is down.
 */
export function hintsOf(clause: string): RouteHint[] {
  const text = clause.trim();
  const hints: RouteHint[] = [];
  if (percent.test(text)) hints.push({ name: 'percentages', tags: ['percent', 'percentage', 'math'], ...math });
  if (statistics.test(text) && (text.match(/\d+(?:\.\d+)?/g) ?? []).length >= 2) {
    hints.push({ name: 'statistics', tags: ['statistics', 'mean', 'average', 'median', 'math'], ...math });
  }
  if (unitConversion.test(text)) {
    hints.push({ name: 'unit conversion', tags: ['units', 'conversion', 'convert', 'math'], ...math });
  }
  if (hints.length === 0 && arithmetic.test(text)) {
    hints.push({ name: 'arithmetic', tags: ['arithmetic', 'expression', 'calculate', 'math'], ...math });
  }
  if (hints.length === 0 && (whQuestion.test(text) || yesNoQuestion.test(text))) {
    hints.push({ name: 'question', tags: ['question', 'answer', 'faq', 'explain'], ...question });
  }
  return hints;
}

/** Whether a clause looks like maths (any hint but `question`). */
export function looksLikeMath(clause: string): boolean {
  return hintsOf(clause).some((hint) => hint.name !== 'question');
}
