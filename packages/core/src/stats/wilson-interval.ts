import { normalQuantile } from './normal-quantile.js';

/** A two-sided confidence interval; `confidence` is its nominal coverage, e.g. 0.95. */
export interface Interval {
  lower: number;
  upper: number;
  confidence: number;
}

/**
 * Wilson score interval for a binomial proportion `successes / total`, clamped to [0, 1]. Unlike the normal
 * approximation it stays inside [0, 1] and is not degenerate at 0 or `total` successes. Undefined when total
 * is 0. Counts may be fractional (weighted).
 */
export function wilsonInterval(successes: number, total: number, confidence = 0.95): Interval | undefined {
  if (!(total >= 0 && Number.isFinite(total))) {
    throw new RangeError(`Total must be a finite count >= 0, got ${total}`);
  }
  if (!(successes >= 0 && successes <= total)) {
    throw new RangeError(`Successes must be within [0, total], got ${successes} of ${total}`);
  }
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`Confidence must be within (0, 1), got ${confidence}`);
  }
  if (total === 0) return undefined;
  const z = normalQuantile((1 + confidence) / 2);
  const z2 = z * z;
  const proportion = successes / total;
  const scale = 1 + z2 / total;
  const center = (proportion + z2 / (2 * total)) / scale;
  const halfWidth =
    (z / scale) * Math.sqrt((proportion * (1 - proportion)) / total + z2 / (4 * total * total));
  // At 0 or `total` successes one bound is exactly 0 or 1 in exact arithmetic; don't let rounding move it.
  const lower = successes === 0 ? 0 : Math.max(0, center - halfWidth);
  const upper = successes === total ? 1 : Math.min(1, center + halfWidth);
  return { lower, upper, confidence };
}
