/**
 * Quantile of an ascending-sorted, non-empty sample by linear interpolation between closest ranks: numpy's
 * default `method='linear'` (Hyndman–Fan type 7), so the p95 of 1..20 is 19.05.
 */
export function exactQuantile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('exactQuantile needs a non-empty sample');
  if (!(q >= 0 && q <= 1)) throw new RangeError(`Quantile must be within [0, 1], got ${q}`);
  const h = (n - 1) * q;
  const index = Math.floor(h);
  const fraction = h - index;
  const lower = sorted[index] as number;
  if (fraction === 0) return lower;
  const upper = sorted[index + 1] as number;
  return lower + fraction * (upper - lower);
}

const PERCENTILE = /^p(\d+)(?:\.(\d+))?$/;

/**
 * Parses a percentile aggregate name into a quantile fraction: `p95` → 0.95, `p99.9` → 0.999, `p0.5` → 0.005,
 * `median` → 0.5. Accepts `p<N>` with 0 < N < 100; anything else gives undefined.
 */
export function parsePercentileAggregate(name: string): number | undefined {
  if (name === 'median') return 0.5;
  const match = PERCENTILE.exec(name);
  if (!match) return undefined;
  const whole = match[1] as string;
  const decimals = match[2] ?? '';
  const percent = Number(`${whole}.${decimals || '0'}`);
  if (!(percent > 0 && percent < 100)) return undefined;
  // Shift the decimal point in the text instead of dividing: 99.9 / 100 is 0.9990000000000001, while
  // Number('0.999') is the double nearest to 0.999.
  const digits = whole + decimals;
  const point = whole.length - 2;
  const text =
    point > 0 ? `${digits.slice(0, point)}.${digits.slice(point)}` : `0.${'0'.repeat(-point)}${digits}`;
  return Number(text);
}
