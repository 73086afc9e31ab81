import { describe, expect, it } from 'vitest';
import { IsoTimestampFormatter } from './iso-timestamp-formatter.js';

describe('IsoTimestampFormatter', () => {
  it('matches toISOString across seconds, minutes, days and odd milliseconds', () => {
    const formatter = new IsoTimestampFormatter();
    const start = Date.parse('2026-12-31T23:58:59.000Z');
    for (let ms = start; ms < start + 150_000; ms += 997) {
      expect(formatter.format(ms)).toBe(new Date(ms).toISOString());
    }
  });

  it('matches toISOString when times jump around and for years outside 0000-9999', () => {
    const formatter = new IsoTimestampFormatter();
    for (const iso of [
      '2026-11-26T14:00:00.000Z',
      '1970-01-01T00:00:00.001Z',
      '2026-11-26T13:59:59.999Z',
      '+010000-01-01T00:00:00.000Z',
      '1969-12-31T23:59:59.990Z',
    ]) {
      expect(formatter.format(Date.parse(iso))).toBe(iso);
    }
  });
});
