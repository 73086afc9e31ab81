import { describe, expect, it } from 'vitest';
import { Random } from './random.js';

function draws(random: Random, count: number, draw: (random: Random) => number): number[] {
  return Array.from({ length: count }, () => draw(random));
}

describe('Random', () => {
  it('produces the pinned sequence for a seed, on every platform and release', () => {
    const random = new Random('slokit');
    expect([random.next(), random.next(), random.next()]).toEqual([
      0.596610892796889, 0.24203859502449632, 0.7482040468603373,
    ]);
  });

  it('repeats a sequence for the same seed, and seeds numbers as their decimal text', () => {
    expect(draws(new Random(42), 100, (r) => r.next())).toEqual(
      draws(new Random('42'), 100, (r) => r.next()),
    );
    expect(draws(new Random(42), 100, (r) => r.next())).not.toEqual(
      draws(new Random(43), 100, (r) => r.next()),
    );
  });

  it('draws uniforms in [0, 1) with mean 1/2', () => {
    const values = draws(new Random('uniform'), 100_000, (r) => r.next());
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
    expect(mean(values)).toBeCloseTo(0.5, 2);
  });

  it('draws standard normals and lognormals with the requested median', () => {
    const normals = draws(new Random('normal'), 100_000, (r) => r.normal());
    expect(mean(normals)).toBeCloseTo(0, 1);
    expect(Math.sqrt(mean(normals.map((value) => value * value)))).toBeCloseTo(1, 1);
    const lognormals = draws(new Random('lognormal'), 100_001, (r) => r.lognormal(Math.log(1000), 0.5)).sort(
      (a, b) => a - b,
    );
    expect(lognormals[50_000]! / 1000).toBeCloseTo(1, 1);
  });

  it('draws integers in [min, max], both ends included', () => {
    const values = draws(new Random('int'), 10_000, (r) => r.int(1, 6));
    expect(new Set(values)).toEqual(new Set([1, 2, 3, 4, 5, 6]));
  });

  it('returns true from chance(p) about p of the time', () => {
    const hits = draws(new Random('chance'), 100_000, (r) => (r.chance(0.2) ? 1 : 0));
    expect(mean(hits)).toBeCloseTo(0.2, 2);
    expect(draws(new Random('chance'), 1000, (r) => (r.chance(0) ? 1 : 0))).not.toContain(1);
  });

  it('picks items in proportion to their weights, never a zero-weight item', () => {
    const random = new Random('pick');
    const counts = { a: 0, b: 0, never: 0 };
    const items = [
      { value: 'a' as const, weight: 3 },
      { value: 'never' as const, weight: 0 },
      { value: 'b' as const, weight: 1 },
    ];
    for (let i = 0; i < 40_000; i++) counts[random.pick(items)]++;
    expect(counts.never).toBe(0);
    expect(counts.a / counts.b).toBeCloseTo(3, 0);
    expect(() => random.pick([])).toThrow(RangeError);
    expect(() => random.pick([{ value: 'x', weight: 0 }])).toThrow(RangeError);
  });
});

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}
