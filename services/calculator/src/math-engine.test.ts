import { describe, expect, it } from 'vitest';
import { functionNamed, math, parseMath } from './math-engine.ts';

describe('the mathjs instance', () => {
  it('computes in decimals, exactly: 0.1 + 0.2 is 0.3', () => {
    expect(math.add(math.bignumber('0.1'), math.bignumber('0.2')).toString()).toBe('0.3');
  });

  // mathjs security guidance: functions that change the instance or evaluate text are disabled.
  it.each(['import', 'createUnit', 'evaluate', 'parse', 'compile', 'simplify', 'derivative', 'resolve', 'reviver'])(
    'has %s disabled',
    (name) => {
      const fn = (math as unknown as Record<string, () => unknown>)[name];
      expect(() => fn?.()).toThrow(`Function ${name} is disabled`);
    },
  );

  it('still parses, for the calculator, with the parser it kept', () => {
    expect(parseMath('1 + 2').toString()).toBe('1 + 2');
  });

  it('lets expressions call only the allowed functions, by name or alias', () => {
    expect(functionNamed('sqrt')?.name).toBe('sqrt');
    expect(functionNamed('avg')?.name).toBe('mean');
    for (const name of [
      'import',
      'createUnit',
      'evaluate',
      'parse',
      'format',
      'print',
      'ones',
      'range',
      'constructor',
    ]) {
      expect(functionNamed(name)).toBeUndefined();
    }
  });
});
