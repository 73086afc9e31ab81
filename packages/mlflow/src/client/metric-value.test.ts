import { describe, expect, it } from 'vitest';
import { formatMetricValue, parseMetricValue } from './metric-value.js';

describe('parseMetricValue', () => {
  it('reads numbers and the strings MLflow writes for non-finite doubles', () => {
    expect(parseMetricValue(0.82)).toBe(0.82);
    expect(parseMetricValue('NaN')).toBeNaN();
    expect(parseMetricValue('Infinity')).toBe(Number.POSITIVE_INFINITY);
    expect(parseMetricValue('-Infinity')).toBe(Number.NEGATIVE_INFINITY);
    expect(parseMetricValue('0.25')).toBe(0.25);
  });

  it('reads float max, which a logged Infinity comes back as, as Infinity', () => {
    expect(parseMetricValue(1.7976931348623157e308)).toBe(Number.POSITIVE_INFINITY);
    expect(parseMetricValue(-1.7976931348623157e308)).toBe(Number.NEGATIVE_INFINITY);
  });

  it('makes anything unreadable NaN', () => {
    expect(parseMetricValue('n/a')).toBeNaN();
    expect(parseMetricValue(null)).toBeNaN();
    expect(parseMetricValue('')).toBeNaN();
  });
});

describe('formatMetricValue', () => {
  it('writes non-finite values as MLflow strings and keeps finite ones', () => {
    expect(formatMetricValue(Number.NaN)).toBe('NaN');
    expect(formatMetricValue(Number.POSITIVE_INFINITY)).toBe('Infinity');
    expect(formatMetricValue(Number.NEGATIVE_INFINITY)).toBe('-Infinity');
    expect(formatMetricValue(-0.5)).toBe(-0.5);
  });
});
