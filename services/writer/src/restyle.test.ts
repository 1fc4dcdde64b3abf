import { describe, expect, it } from 'vitest';
import { restyle } from './restyle.ts';

describe('restyle', () => {
  it('concise: shortens wordy phrases and drops empty ones, keeping the capital', () => {
    expect(restyle('It is important to note that we retry in order to recover.', ['concise'])).toBe(
      'We retry to recover.',
    );
    expect(restyle('Due to the fact that the log is ordered, a client is able to resume.', ['concise'])).toBe(
      'Because the log is ordered, a client can resume.',
    );
  });

  it('plain: swaps formal words for common ones, verb forms included', () => {
    expect(restyle('Prior to shutdown, the server utilized approximately 40 MB.', ['plain'])).toBe(
      'Before shutdown, the server used about 40 MB.',
    );
    expect(restyle('Numerous individuals commenced utilizing it.', ['plain'])).toBe('Many people started using it.');
  });

  it('formal: expands contractions (curly apostrophes too) and casual words, calms exclamations', () => {
    expect(restyle("We can't stop, it's gonna work and they’re sure it's been tested!", ['formal'])).toBe(
      'We cannot stop, it is going to work and they are sure it has been tested.',
    );
    expect(restyle("Don't touch the kids' toys.", ['formal'])).toBe("Do not touch the kids' toys.");
  });

  it('leaves a sentence with nothing to swap as it is, and does not touch parts of words', () => {
    expect(restyle('The orderly log is importantly sound.', ['concise', 'plain', 'formal'])).toBe(
      'The orderly log is importantly sound.',
    );
    expect(restyle('Preinitialized buffers', ['plain'])).toBe('Preinitialized buffers');
  });
});
