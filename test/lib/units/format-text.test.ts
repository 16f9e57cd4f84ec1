import { describe, expect, it } from 'vitest';
import { capitalize } from '../../../lib/units/format-text';

describe('capitalize', () => {
  it.each([
    { desc: 'a reason starting a sentence', input: 'no members', expected: 'No members' },
    { desc: 'already capitalised', input: 'Kafka', expected: 'Kafka' },
    { desc: 'empty', input: '', expected: '' },
    { desc: 'a digit first stays', input: '3 members', expected: '3 members' },
  ])('$desc', ({ input, expected }) => {
    expect(capitalize(input)).toBe(expected);
  });
});
