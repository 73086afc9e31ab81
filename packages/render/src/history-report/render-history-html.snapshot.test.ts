import type {
  AlertEventKind,
  AlertLevel,
  HistoryAlert,
  HistoryPoint,
  HistoryReport,
  HistorySloReport,
} from '@slokit/core/internal';
import { describe, expect, it } from 'vitest';
import { renderHistoryHtml } from './render-history-html.js';

// The whole page, byte for byte, for reports that reach every branch of the renderer: the charts' geometry, the
// bands, lanes and legends. A change to any of them shows up here as a diff of the stored page.

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;
const to = Date.parse('2026-11-26T14:00:00Z');

/** Deterministic noise in [-1, 1]. */
function noise(index: number): number {
  const x = Math.sin(index * 12.9898) * 43_758.5453;
  return (x - Math.floor(x)) * 2 - 1;
}

function point(
  at: number,
  value: number | null,
  options: Partial<Omit<HistoryPoint, 'at' | 'value'>> = {},
): HistoryPoint {
  return {
    at: new Date(at).toISOString(),
    value,
    status: value === null ? 'no_data' : 'ok',
    level: 'none',
    budgetRemaining: null,
    ...options,
  };
}

function alert(
  at: number,
  kind: AlertEventKind,
  level: AlertLevel,
  options: { segment?: string; silenced?: boolean } = {},
): HistoryAlert {
  return {
    at: new Date(at).toISOString(),
    kind,
    level,
    segment: options.segment ?? '',
    silenced: options.silenced ?? false,
  };
}

function slo(overrides: Partial<HistorySloReport> & Pick<HistorySloReport, 'name'>): HistorySloReport {
  return {
    description: null,
    unit: 'percent',
    op: 'gte',
    target: 0.9,
    warning: null,
    critical: null,
    window: null,
    value: null,
    samples: 0,
    status: 'no_data',
    budgetRemaining: null,
    series: [],
    alerts: [],
    ...overrides,
  };
}

function report(
  days: number,
  slos: HistorySloReport[],
  overrides: Partial<HistoryReport> = {},
): HistoryReport {
  return {
    schemaVersion: 1,
    generatedAt: new Date(to).toISOString(),
    from: new Date(to - days * day).toISOString(),
    to: new Date(to).toISOString(),
    days,
    slos,
    compliance: 1,
    complianceCounts: { met: slos.length, counted: slos.length },
    ...overrides,
  };
}

/**
 * A week of 5-minute evaluations (averaged into time slots with an envelope): an accuracy drop that pages and
 * overspends the budget, and a latency SLO with an outage of missing values and a spike above its thresholds.
 */
function weekReport(): HistoryReport {
  const from = to - 7 * day;
  const step = 5 * minute;
  const dropStart = from + 3 * day + 10 * hour;
  const spikeStart = from + 5 * day + 16 * hour;
  const outageStart = from + day + 20 * hour;
  const accuracy: HistoryPoint[] = [];
  const latency: HistoryPoint[] = [];
  let accuracyBudget = 1;
  let latencyBudget = 1;
  for (let index = 1; index <= (to - from) / step; index++) {
    const at = from + index * step;
    const inDrop = at >= dropStart && at < dropStart + 4 * hour;
    const accuracyValue = inDrop ? 0.82 + noise(index) * 0.02 : 0.935 + noise(index) * 0.012;
    accuracyBudget -= accuracyValue < 0.9 ? 0.009 : 0.0002;
    accuracy.push(
      point(at, accuracyValue, {
        status: accuracyValue >= 0.9 ? 'ok' : 'critical',
        level: inDrop ? (at >= dropStart + hour ? 'page' : 'critical') : 'none',
        budgetRemaining: accuracyBudget,
      }),
    );
    const inOutage = at >= outageStart && at < outageStart + 3 * hour;
    const inSpike = at >= spikeStart && at < spikeStart + 2 * hour;
    const latencyValue = inOutage
      ? null
      : inSpike
        ? 4200 + noise(index) * 300
        : 1450 + noise(index + 7) * 200;
    if (latencyValue !== null) latencyBudget -= latencyValue > 2000 ? 0.08 : 0.0004;
    latency.push(
      point(at, latencyValue, {
        status: latencyValue === null ? 'no_data' : latencyValue <= 2000 ? 'ok' : 'critical',
        level: inSpike ? 'critical' : 'none',
        budgetRemaining: latencyBudget,
      }),
    );
  }
  return report(
    7,
    [
      slo({
        name: 'answer-accuracy',
        description: 'Share of answers the grader marks correct',
        target: 0.9,
        warning: 0.88,
        critical: 0.85,
        window: '1h',
        value: 0.927,
        samples: 96_412,
        status: 'ok',
        budgetRemaining: accuracy.at(-1)!.budgetRemaining,
        series: accuracy,
        alerts: [
          alert(dropStart + 10 * minute, 'fired', 'critical'),
          alert(dropStart + 60 * minute, 'escalated', 'page'),
          alert(dropStart + 240 * minute, 'repeated', 'page'),
          alert(dropStart + 250 * minute, 'deescalated', 'warning'),
          alert(dropStart + 260 * minute, 'resolved', 'none'),
          alert(dropStart + 30 * minute, 'fired', 'ticket', { segment: 'model=gpt-4o-mini', silenced: true }),
        ],
      }),
      slo({
        name: 'p95-latency',
        unit: 'ms',
        op: 'lte',
        target: 2000,
        warning: 2500,
        critical: 3000,
        window: '30m',
        value: 1620,
        samples: 96_412,
        status: 'warning',
        budgetRemaining: latency.at(-1)!.budgetRemaining,
        series: latency,
        alerts: [
          alert(spikeStart + 5 * minute, 'fired', 'critical'),
          alert(spikeStart + 125 * minute, 'resolved', 'none'),
        ],
      }),
    ],
    { compliance: 0.5, complianceCounts: { met: 1, counted: 2 } },
  );
}

/**
 * Hourly evaluations drawn point by point: runs broken by a null and by a long gap, lone points drawn as dots,
 * a budget that stays positive, strict comparisons, and an alert after the period's end widening the time axis.
 */
function hourlyReport(): HistoryReport {
  const start = to - 2 * day;
  const values = Array.from({ length: 48 }, (_, index) => 0.5 + noise(index) * 0.3);
  const cost = values.flatMap((value, index) => {
    if (index >= 20 && index < 30) return [];
    return [
      point(start + index * hour, index === 10 || index === 12 ? null : value, {
        budgetRemaining: index === 44 || index === 46 ? null : 0.9 - index * 0.01,
        level: index > 40 ? 'warning' : 'none',
      }),
    ];
  });
  return report(
    2,
    [
      slo({
        name: 'cost-per-answer',
        description: 'Dollars <per> answer & "tokens"',
        unit: 'usd',
        op: 'lt',
        target: 0.6,
        warning: 0.7,
        window: '1d',
        value: 0.51,
        samples: 1_200,
        status: 'at_risk',
        budgetRemaining: 0.43,
        series: cost,
        alerts: [alert(to + 2 * hour, 'fired', 'warning', { segment: 'team=<search>' })],
      }),
      slo({
        name: 'groundedness',
        op: 'gt',
        target: 0.95,
        critical: 0.8,
        value: 0.97,
        samples: 40,
        status: 'ok',
        series: [point(to - 3 * hour, 0.97), point(to - hour, 0.97)],
      }),
      slo({
        name: 'tool-errors',
        unit: 'count',
        op: 'lte',
        target: 5,
        value: 3,
        samples: 3,
        status: 'ok',
        series: [point(to - 5 * hour, 3)],
      }),
    ],
    { days: 2 },
  );
}

/**
 * A month of evaluations with every alert level (the level ribbon keeps the worst level of each slot), more
 * segments than lanes, more events than the open list shows, and an SLI on a unitless scale below zero.
 */
function monthReport(): HistoryReport {
  const from = to - 30 * day;
  const step = 10 * minute;
  const levels: AlertLevel[] = ['none', 'warning', 'ticket', 'critical', 'page'];
  const series: HistoryPoint[] = [];
  for (let index = 0; index < (30 * day) / step; index++) {
    const level = levels[Math.floor(index / 97) % levels.length]!;
    series.push(point(from + index * step, -2 + Math.sin(index / 50) * 3, { level }));
  }
  const segments = [
    '',
    'region=eu',
    'region=us',
    'region=ap',
    'tier=free',
    'tier=pro',
    'tier=enterprise-plus',
  ];
  const kinds: AlertEventKind[] = ['fired', 'escalated', 'deescalated', 'resolved', 'repeated'];
  const alerts = Array.from({ length: 20 }, (_, index) =>
    alert(from + (index + 1) * day, kinds[index % kinds.length]!, levels[index % levels.length]!, {
      segment: segments[index % segments.length]!,
      silenced: index % 4 === 0,
    }),
  );
  return report(
    30,
    [
      slo({
        name: 'sentiment-drift',
        unit: 'number',
        op: 'gte',
        target: -1,
        warning: -2,
        critical: -4,
        value: -1.5,
        samples: series.length,
        status: 'warning',
        series,
        alerts,
      }),
    ],
    { compliance: 0, complianceCounts: { met: 0, counted: 1 } },
  );
}

/** Three months of daily evaluations: a time axis stepped beyond four weeks. */
function quarterReport(): HistoryReport {
  const from = to - 90 * day;
  return report(90, [
    slo({
      name: 'p99-latency',
      unit: 's',
      op: 'lte',
      target: 4,
      value: 3.2,
      samples: 90,
      status: 'ok',
      series: Array.from({ length: 90 }, (_, index) => point(from + (index + 1) * day, 3 + noise(index))),
    }),
  ]);
}

/** SLOs without anything to draw: no evaluation, evaluations without a value, a period of one instant. */
function emptyReport(): HistoryReport {
  return report(
    1,
    [
      slo({ name: 'new-slo' }),
      slo({
        name: 'silent-source',
        series: [point(to - 2 * hour, null), point(to - hour, null)],
        alerts: [alert(to - 90 * minute, 'resolved', 'none')],
      }),
    ],
    { from: new Date(to).toISOString(), compliance: null, complianceCounts: { met: 0, counted: 0 } },
  );
}

describe('renderHistoryHtml snapshots', () => {
  const cases: Array<[string, () => HistoryReport]> = [
    ['week', weekReport],
    ['hourly', hourlyReport],
    ['month', monthReport],
    ['quarter', quarterReport],
    ['empty', emptyReport],
    ['no-slo', () => report(7, [], { compliance: null, complianceCounts: { met: 0, counted: 0 } })],
    [
      'no-period',
      () =>
        report(7, [slo({ name: 'undated', series: [{ ...point(to, 0.5), at: 'not a date' }] })], {
          from: 'not a date',
          to: 'not a date',
        }),
    ],
  ];

  it.each(cases)('renders the %s report as stored', async (name, build) => {
    await expect(renderHistoryHtml(build())).toMatchFileSnapshot(`./__snapshots__/history-${name}.html.snap`);
  });
});
