import { isNumber } from './is-number.js';

/** Longer series are averaged into this many time slots (their minimum and maximum drawn as an envelope). */
export const maxChartPoints = 300;

/** A drawable point: the value, or a time slot's average with its minimum and maximum. */
export interface ChartPoint {
  at: number;
  value: number;
  low: number;
  high: number;
}

export interface TimedSample {
  at: number;
  value: number | null;
}

/**
 * Runs of drawable points of a series, oldest first, broken at null values and at gaps over three times the usual
 * step. Past `limit` points the series is averaged into `limit` time slots, keeping each slot's minimum and maximum.
 */
export function chartRuns(
  samples: TimedSample[],
  limit = maxChartPoints,
): { runs: ChartPoint[][]; downsampled: boolean } {
  const sorted = samples.filter((sample) => Number.isFinite(sample.at)).sort((a, b) => a.at - b.at);
  if (sorted.length <= limit) return { runs: splitRuns(pointsWithBreaks(sorted)), downsampled: false };
  return { runs: splitRuns(slotAverages(sorted, limit)), downsampled: true };
}

/** Each sample as a point; null where the value is missing and before a gap in time. */
function pointsWithBreaks(sorted: TimedSample[]): Array<ChartPoint | null> {
  const gap = 3 * medianStep(sorted.map((sample) => sample.at));
  const points: Array<ChartPoint | null> = [];
  let previous: number | undefined;
  for (const { at, value } of sorted) {
    if (previous !== undefined && gap > 0 && at - previous > gap) points.push(null);
    previous = at;
    points.push(isNumber(value) ? { at, value, low: value, high: value } : null);
  }
  return points;
}

/** The average, minimum and maximum of each of `limit` equal time slots; null for a slot without a value. */
function slotAverages(sorted: TimedSample[], limit: number): Array<ChartPoint | null> {
  const first = sorted[0]!.at;
  const span = sorted.at(-1)!.at - first;
  const slots = Array.from({ length: limit }, () => ({ sum: 0, count: 0, low: Infinity, high: -Infinity }));
  for (const { at, value } of sorted) {
    if (!isNumber(value)) continue;
    const slot = slots[slotIndex(at, first, span, limit)]!;
    slot.sum += value;
    slot.count++;
    slot.low = Math.min(slot.low, value);
    slot.high = Math.max(slot.high, value);
  }
  return slots.map((slot, index) =>
    slot.count === 0
      ? null
      : {
          at: first + ((index + 0.5) * span) / limit,
          value: slot.sum / slot.count,
          low: slot.low,
          high: slot.high,
        },
  );
}

/** The non-empty runs between nulls. */
function splitRuns(points: Array<ChartPoint | null>): ChartPoint[][] {
  const runs: ChartPoint[][] = [];
  let run: ChartPoint[] = [];
  for (const point of [...points, null]) {
    if (point !== null) {
      run.push(point);
    } else if (run.length > 0) {
      runs.push(run);
      run = [];
    }
  }
  return runs;
}

/** Which of `count` equal slots over [first, first + span] a time falls in. */
export function slotIndex(at: number, first: number, span: number, count: number): number {
  return span <= 0 ? 0 : Math.min(count - 1, Math.floor(((at - first) / span) * count));
}

/** The median positive step between consecutive times, 0 without one. */
export function medianStep(times: number[]): number {
  const steps: number[] = [];
  for (let i = 1; i < times.length; i++) {
    const step = times[i]! - times[i - 1]!;
    if (step > 0) steps.push(step);
  }
  steps.sort((a, b) => a - b);
  return steps[Math.floor(steps.length / 2)] ?? 0;
}
