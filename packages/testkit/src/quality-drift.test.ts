import { describe, expect, it } from 'vitest';
import { QualityDrift } from './quality-drift.js';
import { Random } from './random.js';

const startMs = Date.parse('2026-11-01T00:00:00Z');
const hourMs = 3_600_000;

function hourlyOffsets(seed: string, hours: number, checksPerHour: number): number[] {
  const drift = new QualityDrift(new Random(seed), startMs);
  const offsets: number[] = [];
  for (let hour = 0; hour < hours; hour++) {
    for (let check = 0; check < checksPerHour; check++) drift.advanceTo(startMs + hour * hourMs + check);
    offsets.push(drift.helpfulness);
  }
  return offsets;
}

describe('QualityDrift', () => {
  it('wanders within ±0.05, moving slowly from hour to hour', () => {
    const offsets = hourlyOffsets('drift', 24 * 30, 1);
    expect(Math.max(...offsets.map(Math.abs))).toBeLessThanOrEqual(0.05);
    expect(new Set(offsets).size).toBeGreaterThan(600);
    const hourlySteps = offsets.slice(1).map((offset, i) => Math.abs(offset - offsets[i]!));
    expect(Math.max(...hourlySteps)).toBeLessThan(0.04);
  });

  it('follows the clock, not how often it is asked', () => {
    expect(hourlyOffsets('clock', 48, 1)).toEqual(hourlyOffsets('clock', 48, 50));
  });
});
