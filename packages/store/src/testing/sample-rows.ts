// Rows and values the conformance suite writes: exact numbers, odd names and long JSON that trip drivers.
import type { AlertEventRow, EvaluationRow, OutboxRow, Silence, SliBucket } from '@slokit/core';

/** A time in the 2026 range, in epoch ms: large enough that a driver storing 32-bit numbers would fail. */
export const t0 = Date.UTC(2026, 10, 26, 12, 0, 0);
export const minute = 60_000;
export const hour = 60 * minute;

/** Names with characters that trip quoting: unicode, quotes, backslashes, array-literal and LIKE syntax. */
export const oddName = `héllo wörld 🚀 'quoted' "double" \\ back, {brace} 50%_off NULL`;

/** Values that round-trip only when stored as doubles. */
export const exactNumbers = [
  0.1 + 0.2,
  -42.125,
  2 ** 53 - 1,
  1e300,
  1e-300,
  123_456_789.987_654_3 / 7,
  t0 + 0.25,
];

/** Long JSON with unicode, escapes and newlines: what `details`, `payload` and `state` carry. */
export function longJson(seed: string, entries = 2_000): string {
  const items = Array.from({ length: entries }, (_, index) => ({
    index,
    text: `${seed} ${index} — ünïcødé 漢字 😀 "quote" \\ backslash\nnewline\ttab`,
    value: index / 7,
  }));
  return JSON.stringify({ seed, items }, null, 2);
}

export function bucket(overrides: Partial<SliBucket> = {}): SliBucket {
  return {
    slo: 'latency',
    definition: 'def-1',
    segment: '',
    start: t0,
    count: 10,
    good: 0,
    sum: 1234.5,
    sumSquares: 234_567.25,
    min: 12.5,
    max: 310.75,
    sketch: 'AAECAwQFBgc=',
    slices: 1,
    goodSlices: 1,
    ...overrides,
  };
}

export function evaluation(overrides: Partial<EvaluationRow> = {}): EvaluationRow {
  return {
    slo: 'latency',
    segment: '',
    at: t0,
    status: 'ok',
    value: 0.987,
    samples: 1200,
    budgetRemaining: 0.75,
    level: 'none',
    details: '{"burnRates":{"1h":0.5}}',
    ...overrides,
  };
}

export function alertEvent(overrides: Partial<AlertEventRow> = {}): AlertEventRow {
  return {
    id: 'cycle-1/latency//fired',
    slo: 'latency',
    segment: '',
    at: t0,
    kind: 'fired',
    level: 'warning',
    silenced: false,
    payload: '{"value":0.9}',
    ...overrides,
  };
}

export function outboxRow(overrides: Partial<OutboxRow> = {}): OutboxRow {
  return {
    id: 'out-1',
    channel: 'console',
    payload: '{"events":1}',
    createdAt: t0,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: t0,
    lastError: null,
    ...overrides,
  };
}

export function silence(overrides: Partial<Silence> = {}): Silence {
  return {
    id: 'sil-1',
    slo: 'latency',
    segment: null,
    startsAt: t0,
    endsAt: t0 + 2 * hour,
    reason: 'deploy',
    createdAt: t0 - minute,
    expiredAt: null,
    ...overrides,
  };
}

/** Sorted copies, for results whose order the contract leaves open. */
export function sortedBy<T>(rows: readonly T[], key: (row: T) => string): T[] {
  return [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
