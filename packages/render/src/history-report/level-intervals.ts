import { type AlertLevel, alertLevelRank, type HistorySloReport, hourMs } from '@slokit/core/internal';
import { maxChartPoints, medianStep, slotIndex } from './chart-runs.js';

export interface LevelInterval {
  from: number;
  to: number;
  level: AlertLevel;
}

interface TimedLevel {
  at: number;
  level: AlertLevel;
}

/** Stretches of equal alert level over the period, from the level at each evaluation (worst level per slot). */
export function levelIntervals(series: HistorySloReport['series']): LevelInterval[] {
  const points = series
    .map((point) => ({ at: Date.parse(point.at), level: point.level }))
    .filter((point) => Number.isFinite(point.at))
    .sort((a, b) => a.at - b.at);
  if (points.length === 0) return [];
  const intervals = points.length <= maxChartPoints ? evaluationIntervals(points) : worstLevelSlots(points);
  return mergeEqualLevels(intervals);
}

/** Each evaluation's level until the next one, or for one usual step when the next is over three steps away. */
function evaluationIntervals(points: TimedLevel[]): LevelInterval[] {
  const step = medianStep(points.map((point) => point.at)) || hourMs;
  return points.map((point, index) => {
    const next = points[index + 1]?.at;
    return {
      from: point.at,
      to: next !== undefined && next - point.at <= 3 * step ? next : point.at + step,
      level: point.level,
    };
  });
}

/** The worst level of each of the chart's time slots; slots without an evaluation are left out. */
function worstLevelSlots(points: TimedLevel[]): LevelInterval[] {
  const first = points[0]!.at;
  const span = points.at(-1)!.at - first;
  const worst: Array<AlertLevel | null> = Array.from({ length: maxChartPoints }, () => null);
  for (const point of points) {
    const index = slotIndex(point.at, first, span, maxChartPoints);
    const current = worst[index];
    if (
      current === null ||
      current === undefined ||
      (alertLevelRank[point.level] ?? 0) > (alertLevelRank[current] ?? 0)
    ) {
      worst[index] = point.level;
    }
  }
  const width = span / maxChartPoints;
  return worst.flatMap((level, index) =>
    level === null ? [] : [{ from: first + index * width, to: first + (index + 1) * width, level }],
  );
}

/** Joins touching or overlapping intervals of the same level. */
function mergeEqualLevels(intervals: LevelInterval[]): LevelInterval[] {
  const merged: LevelInterval[] = [];
  for (const interval of intervals) {
    const last = merged.at(-1);
    if (last && last.level === interval.level && last.to >= interval.from)
      last.to = Math.max(last.to, interval.to);
    else merged.push({ ...interval });
  }
  return merged;
}
