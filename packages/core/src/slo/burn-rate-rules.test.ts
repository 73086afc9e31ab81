import { describe, expect, it } from 'vitest';
import { defaultBurnRateRules } from './burn-rate-rules.js';
import { parseDuration } from './duration.js';

describe('defaultBurnRateRules', () => {
  it('gives the workbook factors for 30 days: 14.4, 6, 1', () => {
    expect(
      defaultBurnRateRules(parseDuration('30d')!).map((rule) => [
        rule.level,
        rule.long,
        rule.short,
        rule.factor,
      ]),
    ).toEqual([
      ['page', '1h', '5m', 14.4],
      ['page', '6h', '30m', 6],
      ['ticket', '3d', '6h', 1],
    ]);
  });

  it('scales the factors for 28 days: 13.44, 5.6, 0.933', () => {
    expect(defaultBurnRateRules(parseDuration('28d')!).map((rule) => rule.factor)).toEqual([
      13.44, 5.6, 0.933333,
    ]);
  });

  it('leaves out rules whose long window does not fit in the period, and pages below a burn rate of 1', () => {
    expect(
      defaultBurnRateRules(parseDuration('7d')!).map((rule) => [rule.level, rule.long, rule.factor]),
    ).toEqual([
      ['page', '1h', 3.36],
      ['page', '6h', 1.4],
      ['ticket', '3d', 0.233333],
    ]);
    expect(defaultBurnRateRules(parseDuration('1d')!)).toEqual([]);
  });
});
