import { describe, expect, it } from 'vitest';
import { BackgroundErrorBursts, type ErrorBurst } from './background-error-bursts.js';
import { Random } from './random.js';

const startMs = Date.parse('2026-11-01T00:00:00Z');
const days = 60;

function burstsSeenEachMinute(): ErrorBurst[] {
  const bursts = new BackgroundErrorBursts(new Random('bursts'), startMs, ['gpt-4o', 'gpt-4o-mini']);
  const seen: ErrorBurst[] = [];
  for (let minute = 0; minute < days * 1440; minute++) {
    const burst = bursts.at(startMs + minute * 60_000);
    if (burst && seen.at(-1) !== burst) seen.push(burst);
  }
  return seen;
}

describe('BackgroundErrorBursts', () => {
  it('has about two short bursts a day', () => {
    const seen = burstsSeenEachMinute();
    expect(seen.length / days).toBeGreaterThan(1.5);
    expect(seen.length / days).toBeLessThan(2.5);
    for (const burst of seen) {
      expect(burst.endMs - burst.startMs).toBeGreaterThanOrEqual(60_000);
      expect(burst.endMs - burst.startMs).toBeLessThanOrEqual(4 * 60_000);
      expect(burst.errorProbability).toBeGreaterThanOrEqual(0.05);
      expect(burst.errorProbability).toBeLessThanOrEqual(0.25);
    }
    expect(new Set(seen.map((burst) => burst.kind))).toEqual(new Set(['rate-limit', 'upstream']));
    expect(new Set(seen.map((burst) => burst.model))).toEqual(new Set([undefined, 'gpt-4o', 'gpt-4o-mini']));
  });

  it('reports a burst only inside its own time span', () => {
    const bursts = new BackgroundErrorBursts(new Random('span'), startMs, ['gpt-4o']);
    let found: ErrorBurst | undefined;
    for (let ms = startMs; !found; ms += 10_000) found = bursts.at(ms);
    expect(bursts.at(found.endMs - 1)).toBe(found);
    expect(bursts.at(found.endMs)).not.toBe(found);
  });
});
