import { type DisplayUnit, dayMs, type HistoryReport } from '@slokit/core/internal';
import { plotLeft, plotRight } from './chart-layout.js';

/** Time (epoch milliseconds) to x across the plot area. */
export interface TimeScale {
  from: number;
  to: number;
  x(at: number): number;
}

/** A value to y between a chart's top and bottom. */
export interface ValueScale {
  low: number;
  high: number;
  y(value: number): number;
}

/** One time axis for every chart of the page, so they line up: the period, widened to any data outside it. */
export function timeScale(report: HistoryReport): TimeScale {
  const times = report.slos
    .flatMap((slo) => [...slo.series.map((point) => point.at), ...slo.alerts.map((alert) => alert.at)])
    .map((at) => Date.parse(at))
    .filter(Number.isFinite);
  const bounds = [Date.parse(report.from), Date.parse(report.to)].filter(Number.isFinite);
  let from = Math.min(...bounds, ...times);
  let to = Math.max(...bounds, ...times);
  if (!Number.isFinite(from) || !Number.isFinite(to)) {
    to = Date.parse(report.generatedAt);
    if (!Number.isFinite(to)) to = 0;
    from = to - dayMs;
  }
  if (to - from < 60_000) {
    from -= 30_000;
    to += 30_000;
  }
  const x = (at: number) => plotLeft + ((clamp(at, from, to) - from) / (to - from)) * (plotRight - plotLeft);
  return { from, to, x };
}

/** A value scale over `values`, padded, never below 0 for units that cannot be negative nor above 100 %. */
export function valueScale(
  values: number[],
  top: number,
  bottom: number,
  unit: DisplayUnit | 'number',
): ValueScale {
  let low = Math.min(...values);
  let high = Math.max(...values);
  const dataLow = low;
  const dataHigh = high;
  if (high === low) {
    const pad = Math.abs(low) * 0.1 || 1;
    low -= pad;
    high += pad;
  } else {
    const pad = (high - low) * 0.08;
    low -= pad;
    high += pad;
  }
  if (unit !== 'number' && dataLow >= 0) low = Math.max(low, 0);
  if (unit === 'percent' && dataHigh <= 1) high = Math.min(high, 1);
  const y = (value: number) => bottom - ((clamp(value, low, high) - low) / (high - low)) * (bottom - top);
  return { low, high, y };
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
