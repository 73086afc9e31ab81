// Lanczos approximation with g = 7 and nine coefficients: about 15 significant digits for Γ(x), x > 0.
const G = 7;
const COEFFICIENTS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** Natural logarithm of the gamma function for x > 0. */
export function logGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`logGamma needs x > 0, got ${x}`);
  if (x < 0.5) {
    // Reflection Γ(x)Γ(1 - x) = π / sin(πx) keeps the series in the range where it is accurate.
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  }
  const shifted = x - 1;
  let series = COEFFICIENTS[0] as number;
  for (let i = 1; i < COEFFICIENTS.length; i++) series += (COEFFICIENTS[i] as number) / (shifted + i);
  const t = shifted + G + 0.5;
  return HALF_LOG_2PI + (shifted + 0.5) * Math.log(t) - t + Math.log(series);
}
