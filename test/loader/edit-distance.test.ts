import { describe, expect, it } from 'vitest';
import { closestMatch, editDistance } from '../../src/core/edit-distance.js';

describe('editDistance (Damerau–Levenshtein, optimal string alignment)', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('image', 'image')).toBe(0);
    expect(editDistance('imagee', 'image')).toBe(1);
    expect(editDistance('imag', 'image')).toBe(1);
    expect(editDistance('imbge', 'image')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('a swap of two adjacent letters is one edit', () => {
    expect(editDistance('imgae', 'image')).toBe(1);
    expect(editDistance('ca', 'abc')).toBe(3); // optimal string alignment: no edit of a swapped pair
  });
});

describe('closestMatch', () => {
  const serviceKeys = ['image', 'init', 'ipc', 'depends_on', 'environment', 'env_file', 'dns'];

  it('finds the intended key', () => {
    expect(closestMatch('imagee', serviceKeys)).toBe('image');
    expect(closestMatch('enviroment', serviceKeys)).toBe('environment');
    expect(closestMatch('depends-on', serviceKeys)).toBe('depends_on');
    expect(closestMatch('DNS', serviceKeys)).toBe('dns');
  });

  it('guesses nothing when nothing is close', () => {
    expect(closestMatch('frobnicate', serviceKeys)).toBeUndefined();
    expect(closestMatch('xy', ['ab', 'cd'])).toBeUndefined();
  });

  it('breaks ties alphabetically, whatever the order of the candidates', () => {
    expect(closestMatch('ab', ['ax', 'aa'])).toBe('aa');
    expect(closestMatch('ab', ['aa', 'ax'])).toBe('aa');
  });
});
