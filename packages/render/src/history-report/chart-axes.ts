import { type DisplayUnit, dayMs, formatValue, hourMs } from '@slokit/core/internal';
import { escapeHtml } from '../report/escape-html.js';
import { plotLeft, plotRight } from './chart-layout.js';
import type { TimeScale, ValueScale } from './chart-scales.js';
import { round } from './svg-primitives.js';

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const minuteMs = 60_000;
/** Time-axis spacings, finest first: the first giving at most 8 ticks over the span wins. */
const timeSteps = [
  5 * minuteMs,
  15 * minuteMs,
  30 * minuteMs,
  hourMs,
  2 * hourMs,
  3 * hourMs,
  6 * hourMs,
  12 * hourMs,
  dayMs,
  2 * dayMs,
  7 * dayMs,
  14 * dayMs,
  28 * dayMs,
];

/** Horizontal grid lines with their labels at round values, skipping ticks whose labels would repeat. */
export function valueAxis(scale: ValueScale, unit: DisplayUnit): string {
  const parts: string[] = [];
  let previous = '';
  for (const tick of niceTicks(scale.low, scale.high)) {
    const text = formatValue(tick, unit, true);
    if (text === previous) continue;
    previous = text;
    const y = round(scale.y(tick));
    parts.push(
      `<line class="grid" x1="${plotLeft}" y1="${y}" x2="${plotRight}" y2="${y}"/>` +
        `<text class="tick tick-y" x="${plotLeft - 8}" y="${round(scale.y(tick) + 4)}">${escapeHtml(text)}</text>`,
    );
  }
  return parts.join('');
}

/** Round ticks (1, 2 or 5 times a power of ten apart) inside [low, high]: the widest spacing giving at least 4. */
export function niceTicks(low: number, high: number): number[] {
  const range = high - low;
  if (!(range > 0) || !Number.isFinite(range)) return [low];
  const magnitude = 10 ** Math.floor(Math.log10(range));
  const steps = [5, 2, 1, 0.5, 0.2, 0.1, 0.05].map((factor) => factor * magnitude);
  const ticksFor = (step: number) => {
    const ticks: number[] = [];
    for (let index = Math.ceil(low / step - 1e-9); index * step <= high + step * 1e-9; index++) {
      ticks.push(Number((index * step).toPrecision(12)));
    }
    return ticks;
  };
  for (const step of steps) {
    const ticks = ticksFor(step);
    if (ticks.length >= 4) return ticks;
  }
  return ticksFor(steps.at(-1)!);
}

/** The bottom axis line and vertical grid lines at round times (UTC), labelled by hour or by day. */
export function timeAxis(time: TimeScale, top: number, bottom: number): string {
  const span = time.to - time.from;
  const step = timeSteps.find((candidate) => span / candidate <= 8) ?? Math.ceil(span / 8 / dayMs) * dayMs;
  const parts: string[] = [];
  for (let tick = Math.ceil(time.from / step) * step; tick <= time.to; tick += step) {
    const x = round(time.x(tick));
    parts.push(
      `<line class="grid grid-x" x1="${x}" y1="${top}" x2="${x}" y2="${bottom}"/>` +
        `<text class="tick tick-x" x="${x}" y="${bottom + 17}">${escapeHtml(timeLabel(tick, step))}</text>`,
    );
  }
  return `<line class="axis" x1="${plotLeft}" y1="${bottom}" x2="${plotRight}" y2="${bottom}"/>${parts.join('')}`;
}

function timeLabel(at: number, step: number): string {
  const date = new Date(at);
  const dayLabel = `${months[date.getUTCMonth()]} ${date.getUTCDate()}`;
  if (step >= dayMs || at % dayMs === 0) return dayLabel;
  return `${String(date.getUTCHours()).padStart(2, '0')}:${String(date.getUTCMinutes()).padStart(2, '0')}`;
}
