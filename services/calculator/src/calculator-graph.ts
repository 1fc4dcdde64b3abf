import { Annotation, END, START, StateGraph, interrupt } from '@langchain/langgraph';
import type { LangGraphRunnableConfig } from '@langchain/langgraph';
import type { Progress } from '@a2a-mesh/langgraph';
import type { Calculation } from './calculation.ts';
import { formatValue } from './format-value.ts';
import { parseMath } from './math-engine.ts';
import { parseRequest } from './parse-request.ts';
import type { ParsedRequest } from './parse-request.ts';
import { ReadError } from './read-error.ts';
import { evaluateInSteps } from './step-evaluator.ts';

/** The calculator graph's state. */
export const CalculatorState = Annotation.Root({
  /** What the user asked: the first message's text, or the corrected expression they sent. */
  request: Annotation<string>(),
  parsed: Annotation<ParsedRequest | undefined>(),
  calculation: Annotation<Calculation | undefined>(),
});
type State = typeof CalculatorState.State;

/**
 * `parse`: reads the request (see `parseRequest`). One it cannot read interrupts the run with
 * what is wrong and where; the task waits in `input-required` and the user's next message is
 * read in its place, as often as it takes. Reports `{ step: 'parse', expression, skill }`.
 */
async function parse(state: State, config: LangGraphRunnableConfig): Promise<Partial<State>> {
  let request = state.request;
  for (;;) {
    let parsed: ParsedRequest;
    try {
      parsed = parseRequest(request);
    } catch (error) {
      if (!(error instanceof ReadError)) throw error;
      // On resume the node runs again from its top: each interrupt() returns its reply in turn.
      request = String(interrupt({ question: error.question(), problem: error.problem }));
      continue;
    }
    const { input, expression, skill } = parsed;
    const text = input === expression ? `Parsed ${expression}` : `Parsed "${input}" as ${expression}`;
    config.writer?.({ text, data: { step: 'parse', expression, skill } } satisfies Progress);
    return { request, parsed };
  }
}

/**
 * `evaluate`: evaluates the parsed expression one operation at a time, reporting each
 * sub-result as it is known (`{ step: 'evaluate', subexpression, operation, value, exact }`).
 * A calculation without an answer throws a `CalculationError`, which fails the task.
 */
async function evaluate(state: State, config: LangGraphRunnableConfig): Promise<Partial<State>> {
  const parsed = state.parsed;
  if (!parsed) throw new Error('the evaluate node runs after parse');
  const { value, formatted, steps } = evaluateInSteps(parseMath(parsed.expression), (step) => {
    const text = `${step.operation} ${step.exact ? '=' : '≈'} ${step.value}`;
    config.writer?.({ text, data: { step: 'evaluate', ...step } } satisfies Progress);
  });
  const result = Array.isArray(value) ? value.map((item) => formatValue(item).text).join(', ') : formatted.number;
  const unit = formatted.unit ?? parsed.resultUnit;
  const { input, expression, skill } = parsed;
  return {
    calculation: { input, expression, skill, result, ...(unit ? { unit } : {}), exact: formatted.exact, steps },
  };
}

/** The calculator's brain: `parse` → `evaluate`. Its final state's `calculation` is the answer. */
export function createCalculatorGraph() {
  return new StateGraph(CalculatorState)
    .addNode('parse', parse)
    .addNode('evaluate', evaluate)
    .addEdge(START, 'parse')
    .addEdge('parse', 'evaluate')
    .addEdge('evaluate', END)
    .compile();
}
