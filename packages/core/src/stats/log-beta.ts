import { logGamma } from './log-gamma.js';

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
// From here on the Stirling correction below is accurate to ~1e-16.
const STIRLING_MIN = 15;

/**
 * Natural logarithm of the beta function B(a, b) = Γ(a)Γ(b) / Γ(a + b) for a, b > 0. For large arguments
 * it does not subtract log-gammas (which are large and cancel, losing ~1e-12 at a = 1000) but combines
 * Stirling's series in a form whose terms stay small.
 */
export function logBeta(a: number, b: number): number {
  if (!(a > 0 && b > 0)) throw new RangeError(`logBeta needs a, b > 0, got a=${a}, b=${b}`);
  const small = Math.min(a, b);
  const big = Math.max(a, b);
  const sum = a + b;
  if (big < STIRLING_MIN) return logGamma(a) + logGamma(b) - logGamma(sum);
  if (small < STIRLING_MIN) {
    // log Γ(big) - log Γ(sum) = (big - 1/2) log(big / sum) - small log(sum) + small + corrections.
    return (
      logGamma(small) -
      (big - 0.5) * Math.log1p(small / big) -
      small * Math.log(sum) +
      small +
      stirlingCorrection(big) -
      stirlingCorrection(sum)
    );
  }
  return (
    HALF_LOG_2PI -
    0.5 * Math.log(sum) +
    (small - 0.5) * Math.log(small / sum) +
    (big - 0.5) * Math.log1p(-small / sum) +
    stirlingCorrection(small) +
    stirlingCorrection(big) -
    stirlingCorrection(sum)
  );
}

/** log Γ(x) - ((x - 1/2) log x - x + log √(2π)) for x >= 15, by Stirling's series. */
function stirlingCorrection(x: number): number {
  const inverse = 1 / x;
  const inverse2 = inverse * inverse;
  return (
    inverse *
    (1 / 12 - inverse2 * (1 / 360 - inverse2 * (1 / 1260 - inverse2 * (1 / 1680 - inverse2 / 1188))))
  );
}
