// Acklam's rational approximation of the standard normal quantile (relative error below 1.15e-9).
const A = [
  -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
  2.506628277459239,
] as const;
const B = [
  -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
] as const;
const C = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
] as const;
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416] as const;
const P_LOW = 0.02425;

const SQRT_PI = Math.sqrt(Math.PI);
const SQRT_2PI = Math.sqrt(2 * Math.PI);
const EPSILON = Number.EPSILON;
const TINY = 1e-300;

/**
 * Inverse CDF of the standard normal distribution: Acklam's approximation refined by one Halley step against
 * an erfc accurate to about 1e-15, which brings it to near machine precision. normalQuantile(0.975) is
 * 1.959963984540054; p = 0 and p = 1 give -Infinity and Infinity.
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`Probability must be within [0, 1], got ${p}`);
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  const x = acklam(p);
  // Phi(x) - p, computed from the nearer tail so neither side loses digits to cancellation.
  const error = x < 0 ? 0.5 * erfc(-x / Math.SQRT2) - p : 1 - p - 0.5 * erfc(x / Math.SQRT2);
  const u = error * SQRT_2PI * Math.exp((x * x) / 2);
  const refined = x - u / (1 + (x * u) / 2);
  // Far in the tails (|x| > ~38) exp() overflows; Acklam alone is still accurate to 1e-9 there.
  return Number.isFinite(refined) ? refined : x;
}

function acklam(p: number): number {
  const [a0, a1, a2, a3, a4, a5] = A;
  const [b0, b1, b2, b3, b4] = B;
  const [c0, c1, c2, c3, c4, c5] = C;
  const [d0, d1, d2, d3] = D;
  if (p < P_LOW || p > 1 - P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p < P_LOW ? p : 1 - p));
    const x =
      (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) /
      ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
    return p < P_LOW ? x : -x;
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) /
    (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1)
  );
}

/**
 * Complementary error function for x >= 0, as the regularized upper incomplete gamma Q(1/2, x²): a series
 * for P below x² = 1.5 and a Lentz continued fraction for Q above (Numerical Recipes' gser/gcf).
 */
function erfc(x: number): number {
  const u = x * x;
  const prefix = (Math.exp(-u) * x) / SQRT_PI;
  if (u < 1.5) {
    let denominator = 0.5;
    let term = 1 / denominator;
    let sum = term;
    for (let n = 1; n < 200; n++) {
      denominator += 1;
      term *= u / denominator;
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * EPSILON) break;
    }
    return 1 - prefix * sum;
  }
  let b = u + 0.5;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 200; i++) {
    const an = -i * (i - 0.5);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return prefix * h;
}
