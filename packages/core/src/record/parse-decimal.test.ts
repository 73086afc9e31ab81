import { describe, expect, it } from 'vitest';
import { parseDecimal } from './parse-decimal.js';

describe('parseDecimal', () => {
  it.each([
    ['12', 12],
    ['-0.5', -0.5],
    ['+3', 3],
    ['1e3', 1000],
    ['2.5E-2', 0.025],
    ['.5', 0.5],
    ['7.', 7],
    [' 42 ', 42],
    ['1e400', Number.POSITIVE_INFINITY],
  ])('reads %j', (text, expected) => {
    expect(parseDecimal(text)).toBe(expected);
  });

  it.each([
    '0x10',
    '0o7',
    '0b11',
    'Infinity',
    '-Infinity',
    'NaN',
    '',
    '   ',
    '1_000',
    '1,5',
    '12px',
    'e3',
    '.',
  ])('rejects %j', (text) => {
    expect(parseDecimal(text)).toBeNaN();
  });
});
