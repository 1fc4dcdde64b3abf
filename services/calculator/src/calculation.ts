import type { Artifact } from '@a2a-mesh/protocol';
import type { Skill } from './request-grammar.ts';
import type { Step } from './step-evaluator.ts';

/** The answer to a request, as the result artifact's data part carries it. */
export interface Calculation {
  /** The request as the user wrote it, without its wrapper words. */
  input: string;
  /** The mathjs expression evaluated. */
  expression: string;
  skill: Skill;
  /** The result's number, in full when exact (`0.3`, `1267650600228229401496703205376`); a list as `2, 3`. */
  result: string;
  /** The result's unit: `miles`, `km / h`, `%`. */
  unit?: string;
  /** False when `result` is rounded (to 15 significant digits). */
  exact: boolean;
  /** Each sub-result, in evaluation order. */
  steps: Step[];
}

/** The answer in one line: `(2 + 3) * 4^2 = 80`, `5 km to miles ≈ 3.10685596118667 miles`. */
export function answerText(calculation: Calculation): string {
  const { input, result, unit, exact } = calculation;
  const suffix = unit === undefined ? '' : unit === '%' ? '%' : ` ${unit}`;
  return `${input} ${exact ? '=' : '≈'} ${result}${suffix}`;
}

/**
 * The task's artifact, from the graph's final state: `result`, with the answer as text and the
 * {@link Calculation} as data. None when the state holds no calculation.
 */
export function calculationArtifacts(state: Record<string, unknown>): Artifact[] {
  const calculation = state['calculation'] as Calculation | undefined;
  if (!calculation) return [];
  return [
    {
      artifactId: 'result',
      name: 'result',
      parts: [
        { kind: 'text', text: answerText(calculation) },
        { kind: 'data', data: { ...calculation } },
      ],
    },
  ];
}
