import type { AgentCardInput } from '@a2a-mesh/server';

/** The calculator's card: one skill per kind of request it reads. */
export const calculatorCard: AgentCardInput = {
  name: 'Calculator',
  description:
    'Arithmetic, percentages, statistics and unit conversions, exact where possible (0.1 + 0.2 = 0.3), ' +
    'shown step by step. A request it cannot read gets the problem, with a caret under where it is, ' +
    'and waits for the corrected expression.',
  version: '0.1.0',
  capabilities: { streaming: true, pushNotifications: false },
  defaultInputModes: ['text/plain'],
  defaultOutputModes: ['text/plain', 'application/json'],
  skills: [
    {
      id: 'arithmetic',
      name: 'Arithmetic',
      description:
        'Evaluates an expression with + - * / ^ ! mod, parentheses and functions such as sqrt, log, round, ' +
        'factorial, gcd and sin, in 64-digit decimals; every intermediate result streams as a step.',
      tags: ['math', 'calculate', 'arithmetic', 'expression', 'exact', 'decimal'],
      examples: ['(2 + 3) * 4^2', 'what is 0.1 + 0.2', 'calculate 2^100', 'sqrt(2) * 3'],
    },
    {
      id: 'percentages',
      name: 'Percentages',
      description:
        'Percent of a number, increase or decrease by a percentage, one number as a percentage of another, ' +
        'percent change.',
      tags: ['math', 'percent', 'percentage', 'increase', 'decrease', 'discount'],
      examples: ['15% of 80', 'what is 20 percent of 250', 'increase 120 by 15%', '30 is what percent of 120'],
    },
    {
      id: 'statistics',
      name: 'Statistics',
      description:
        'Mean, median, mode, standard deviation and variance (sample, or population when asked), ' +
        'minimum, maximum, sum and product of a list of numbers.',
      tags: ['math', 'statistics', 'mean', 'average', 'median', 'mode', 'standard deviation', 'variance'],
      examples: ['mean of 3, 5, 8, 13', 'median of 4, 1, 7 and 2', 'population standard deviation of 2, 4, 4, 5'],
    },
    {
      id: 'unit-conversion',
      name: 'Unit conversion',
      description:
        'Converts between units of length, mass, time, temperature, volume, area, speed, energy and more ' +
        '(the mathjs unit set), and calculates with quantities.',
      tags: ['math', 'convert', 'units', 'conversion', 'length', 'temperature', 'time'],
      examples: ['5 km to miles', '100 fahrenheit in celsius', '2.5 hours in minutes', '60 mph to km/h'],
    },
  ],
};
