import { describe, expect, it } from 'vitest';
import { defaultTimeoutMs, maxTimeoutMs, maxTimerMs, timeoutMs, timeoutSchema } from './common-settings.js';

describe('timeout settings', () => {
  it('accept durations above 0 and up to 10 minutes', () => {
    for (const text of ['0.5s', '10s', '1m', '10m']) expect(timeoutSchema.safeParse(text).success).toBe(true);
    for (const text of ['0s', '0ms', '10m1s', '1h', '30d', 'soon'])
      expect(timeoutSchema.safeParse(text).success).toBe(false);
  });

  it('timeoutMs never gives a timer more than it holds', () => {
    expect(timeoutMs('30d')).toBe(maxTimeoutMs);
    expect(timeoutMs('2s')).toBe(2000);
    expect(timeoutMs(undefined)).toBe(defaultTimeoutMs);
    expect(timeoutMs('0s')).toBe(defaultTimeoutMs);
    expect(maxTimeoutMs * 3).toBeLessThan(maxTimerMs);
  });
});
