import { describe, expect, it } from 'vitest';
import { hintsOf } from './route-hints.ts';

const names = (clause: string) => hintsOf(clause).map((hint) => hint.name);

describe('hintsOf', () => {
  it.each([
    ['what is 2^10', ['arithmetic']],
    ['(2 + 3) * 4', ['arithmetic']],
    ['sqrt(2) * 3', ['arithmetic']],
    ['5 factorial is 5!', ['arithmetic']],
    ['12 divided by 4', ['arithmetic']],
    ['what is 15% of 80', ['percentages']],
    ['20 percent of 250', ['percentages']],
    ['mean of 3, 5 and 8', ['statistics']],
    ['average: 1 2 3', ['statistics']],
    ['5 km to miles', ['unit conversion']],
    ['100 fahrenheit in celsius', ['unit conversion']],
    ['how many minutes in 2.5 hours', ['unit conversion']],
    ['how does resubscribe work', ['question']],
    ['Is resubscribe supported?', ['question']],
    ['explain heartbeats', ['question']],
    ['tell me about resubscribe', ['question']],
    ['what is 2 + 2?', ['arithmetic']],
    ['can you book me a flight?', []],
    ['the mean of nothing', []],
    ['book me a flight to Paris', []],
    ['call me at 5 and bring 2 friends', []],
  ])('%s → %j', (clause, expected) => {
    expect(names(clause)).toEqual(expected);
  });

  it('points to skills by tags, never by agent', () => {
    expect(hintsOf('15% of 80')[0]?.tags).toEqual(['percent', 'percentage', 'math']);
    expect(hintsOf('how long are tasks kept?')[0]?.tags).toEqual(['question', 'answer', 'faq', 'explain']);
  });
});
