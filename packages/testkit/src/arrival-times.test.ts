import { describe, expect, it } from 'vitest';
import { generateArrivalTimes } from './arrival-times.js';
import { Random } from './random.js';

const startMs = Date.parse('2026-11-20T00:00:00.000Z');
const endMs = Date.parse('2026-11-27T00:00:00.000Z');

function hourOfDayCounts(times: readonly number[]): number[] {
  const counts = new Array<number>(24).fill(0);
  for (const time of times) counts[new Date(time).getUTCHours()]!++;
  return counts;
}

describe('generateArrivalTimes', () => {
  it('gives exactly `count` ascending times inside [start, end)', () => {
    const times = [
      ...generateArrivalTimes({
        random: new Random('count'),
        startMs,
        endMs,
        dailyCycle: 0.5,
        count: 10_000,
      }),
    ];
    expect(times).toHaveLength(10_000);
    expect(
      times.every((time, i) => time >= startMs && time < endMs && (i === 0 || time >= times[i - 1]!)),
    ).toBe(true);
  });

  it('keeps the requested mean rate over whole days', () => {
    const times = [
      ...generateArrivalTimes({
        random: new Random('rate'),
        startMs,
        endMs,
        dailyCycle: 0.5,
        requestsPerMinute: 5,
      }),
    ];
    const expected = 5 * 7 * 1440;
    expect(Math.abs(times.length - expected) / expected).toBeLessThan(0.02);
    expect(times.every((time, i) => i === 0 || time >= times[i - 1]!)).toBe(true);
  });

  it('is busiest in the UTC afternoon and quietest at night', () => {
    for (const mode of [{ requestsPerMinute: 5 }, { count: 50_000 }]) {
      const times = [
        ...generateArrivalTimes({ random: new Random('cycle'), startMs, endMs, dailyCycle: 0.5, ...mode }),
      ];
      const byHour = hourOfDayCounts(times);
      // With a ±50 % swing peaking at 15:00, 15:00 sees about three times the traffic of 03:00.
      expect(byHour[15]! / byHour[3]!).toBeGreaterThan(2.4);
      expect(byHour[15]! / byHour[3]!).toBeLessThan(3.6);
    }
  });

  it('spreads traffic evenly without a daily cycle', () => {
    const times = [
      ...generateArrivalTimes({ random: new Random('flat'), startMs, endMs, dailyCycle: 0, count: 50_000 }),
    ];
    const byHour = hourOfDayCounts(times);
    expect(Math.max(...byHour) / Math.min(...byHour)).toBeLessThan(1.15);
  });
});
