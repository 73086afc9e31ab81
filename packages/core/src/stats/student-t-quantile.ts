import { logBeta } from './log-beta.js';
import { normalQuantile } from './normal-quantile.js';
import { regularizedIncompleteBeta } from './regularized-incomplete-beta.js';

const EPSILON = Number.EPSILON;
const MAX_ITERATIONS = 2000;
// From this many degrees of freedom on, the Cornish–Fisher expansion is used when its last term is below
// 1e-15 relative: it is then more precise (and much faster) than the incomplete-beta continued fraction, whose
// iteration count grows like √df and which drifts to ~1e-12 relative error by df = 1e5.
const EXPANSION_MIN_DF = 1000;

/**
 * Inverse CDF of Student's t distribution with `degreesOfFreedom` > 0 (fractional allowed, Infinity gives the
 * normal quantile). Solves P(T > t) = min(p, 1 - p) on the CDF expressed as a regularized incomplete beta,
 * with Newton steps kept inside a bisection bracket. studentTQuantile(0.975, 9) is 2.262157163...
 */
export function studentTQuantile(p: number, degreesOfFreedom: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`Probability must be within [0, 1], got ${p}`);
  if (!(degreesOfFreedom > 0)) {
    throw new RangeError(`Degrees of freedom must be > 0, got ${degreesOfFreedom}`);
  }
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p === 0.5) return 0;
  if (degreesOfFreedom === Number.POSITIVE_INFINITY) return normalQuantile(p);
  // 1 - p is exact for p >= 0.5, so working with the upper tail keeps full precision on both sides.
  const tail = p < 0.5 ? p : 1 - p;
  const t = upperTailQuantile(tail, degreesOfFreedom);
  return p < 0.5 ? -t : t;
}

/** The t >= 0 with P(T > t) = tail, for 0 < tail < 0.5. */
function upperTailQuantile(tail: number, df: number): number {
  const z = -normalQuantile(tail);
  const expansion = cornishFisher(z, df);
  if (df >= EXPANSION_MIN_DF && Math.abs(expansion.lastTerm) <= 1e-15 * expansion.value) {
    return expansion.value;
  }

  // f(t) = (1 + t²/df)^(-(df + 1)/2) / (√df B(df/2, 1/2))
  const logDensityScale = -0.5 * Math.log(df) - logBeta(df / 2, 0.5);
  const density = (t: number): number => {
    const r = t / Math.sqrt(df);
    const logKernel = r > 1e150 ? 2 * (Math.log(t) - 0.5 * Math.log(df)) : Math.log1p(r * r);
    return Math.exp(logDensityScale - ((df + 1) / 2) * logKernel);
  };

  // For small df the expansion is no estimate at all (it can be negative, or NaN for df near 0).
  const guess = expansion.value > 0 && Number.isFinite(expansion.value) ? expansion.value : 1;
  // Bracket the root: the tail probability falls from 0.5 at t = 0 towards 0.
  let lo = 0;
  let hi = Math.max(1, guess);
  while (upperTail(hi, df) > tail) {
    lo = hi;
    hi *= 2;
    if (hi === Number.POSITIVE_INFINITY) return hi;
  }

  let t = guess > lo && guess < hi ? guess : lo + (hi - lo) / 2;
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    const excess = upperTail(t, df) - tail;
    if (excess === 0) return t;
    if (excess > 0) lo = t;
    else hi = t;
    let next = t + excess / density(t);
    if (!(next > lo && next < hi)) next = lo + (hi - lo) / 2;
    if (Math.abs(next - t) <= 2 * EPSILON * next || hi - lo <= 2 * EPSILON * hi) return next;
    t = next;
  }
  return t;
}

/** P(T > t) for t >= 0: half of I_x(df/2, 1/2) with x = df / (df + t²). */
function upperTail(t: number, df: number): number {
  const r = t / Math.sqrt(df);
  // Past r = 1e150, x = 1/r² underflows; I_x(a, b) is then x^a / (a B(a, b)) to double precision.
  if (r > 1e150) {
    const logR = Math.log(t) - 0.5 * Math.log(df);
    return 0.5 * Math.exp(-df * logR - Math.log(df / 2) - logBeta(df / 2, 0.5));
  }
  const r2 = r * r;
  return 0.5 * regularizedIncompleteBeta(1 / (1 + r2), df / 2, 0.5, r2 / (1 + r2));
}

/** Cornish–Fisher expansion of the t quantile around the normal quantile z (Abramowitz & Stegun 26.7.5). */
function cornishFisher(z: number, df: number): { value: number; lastTerm: number } {
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  const lastTerm = g4 / df ** 4;
  return { value: z + g1 / df + g2 / df ** 2 + g3 / df ** 3 + lastTerm, lastTerm };
}
