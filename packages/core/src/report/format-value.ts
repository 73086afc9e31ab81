import type { ComparisonOp, DisplayUnit } from '../slo/slo-schema.js';

const opSymbols: Record<ComparisonOp, string> = { gte: '≥', gt: '>', lte: '≤', lt: '<' };

export function formatOp(op: ComparisonOp): string {
  return opSymbols[op];
}

// Building an Intl.NumberFormat costs far more than using one: one per precision, made once.
const trimmedFormats = new Map<number, Intl.NumberFormat>();
const twoSignificantDigits = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 2 });

function trimmed(value: number, maximumFractionDigits: number): string {
  let format = trimmedFormats.get(maximumFractionDigits);
  if (format === undefined) {
    format = new Intl.NumberFormat('en-US', { maximumFractionDigits, useGrouping: true });
    trimmedFormats.set(maximumFractionDigits, format);
  }
  return format.format(value);
}

/**
 * Formats a value in its unit: fractions as %, milliseconds as ms or s, dollars as $, counts with separators.
 * `precise` keeps one more digit, for targets like 99.95 %.
 */
export function formatValue(value: number | null, unit: DisplayUnit, precise = false): string {
  if (value === null) return '—';
  switch (unit) {
    case 'percent': {
      const percent = value * 100;
      const digits = precise || Math.abs(percent) >= 99 ? 2 : 1;
      return `${trimmed(percent, digits)}%`;
    }
    case 'ms':
      return Math.abs(value) < 1000
        ? `${trimmed(value, Math.abs(value) < 10 ? 1 : 0)}ms`
        : `${trimmed(value / 1000, 2)}s`;
    case 's':
      return Math.abs(value) < 1 ? `${trimmed(value * 1000, 0)}ms` : `${trimmed(value, 2)}s`;
    case 'usd':
      return Math.abs(value) >= 1 ? `$${trimmed(value, 2)}` : `$${twoSignificantDigits.format(value)}`;
    case 'count':
      return trimmed(value, Number.isInteger(value) ? 0 : 1);
    case 'number':
      return trimmed(value, 3);
  }
}

export function formatCount(value: number): string {
  return trimmed(value, 0);
}

/** `2026-11-26T14:00:00.000Z` -> `2026-11-26 14:00 UTC` (seconds shown when not zero). */
export function formatTime(iso: string): string {
  const date = iso.slice(0, 10);
  const time = iso.slice(11, 19);
  return `${date} ${time.endsWith(':00') ? time.slice(0, 5) : time} UTC`;
}
