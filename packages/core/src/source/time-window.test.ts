import { describe, expect, it } from 'vitest';
import { timeWindowFilter } from './time-window.js';

describe('timeWindowFilter', () => {
  it('keeps (since, until], and everything without a window', () => {
    const inWindow = timeWindowFilter({ since: new Date(1000), until: new Date(2000) });
    expect([1000, 1001, 2000, 2001, Number.NaN].map(inWindow)).toEqual([false, true, true, false, false]);
    expect(timeWindowFilter({})(Number.NaN)).toBe(true);
  });
});
