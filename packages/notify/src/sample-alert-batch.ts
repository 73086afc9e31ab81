import type { AlertBatch, AlertEvent, DigestBatch, HistoryReport } from '@slokit/core';

/**
 * A realistic alert event for test messages and tests: `helpfulness` on gpt-4o fired critical, with a budget, a
 * burn rate, worst examples and a runbook. Override any field.
 */
export function sampleAlertEvent(overrides: Partial<AlertEvent> = {}): AlertEvent {
  const at = overrides.at ?? '2026-11-26T14:00:00.000Z';
  return {
    id: 'sample-event',
    kind: 'fired',
    level: 'critical',
    previousLevel: 'none',
    peakLevel: 'critical',
    at,
    slo: 'helpfulness',
    segment: '',
    groupBy: null,
    description: 'Share of answers an LLM judge rates helpful',
    status: 'critical',
    value: 0.681,
    unit: 'percent',
    op: 'gte',
    target: 0.8,
    warning: 0.75,
    critical: 0.7,
    window: '1h',
    samples: 308,
    interval: { lower: 0.627, upper: 0.731, confidence: 0.95, method: 'wilson' },
    budget: {
      method: 'occurrences',
      allowed: 61.6,
      consumed: 48,
      remaining: 0.221,
      exhaustsAt: Date.parse(at) + 5_400_000,
    },
    burnRates: [
      {
        level: 'page',
        long: '1h',
        short: '5m',
        factor: 14.4,
        longRate: 15.9,
        shortRate: 18.2,
        shortEvents: 27,
        firing: true,
      },
    ],
    previousValue: 0.774,
    worstExamples: [
      {
        id: 'run-7f3a',
        url: 'https://smith.example.com/runs/7f3a',
        timestamp: '2026-11-26T13:52:10.000Z',
        value: 0.1,
      },
      { id: 'run-91c2', url: null, timestamp: '2026-11-26T13:55:43.000Z', value: 0.2 },
    ],
    runbook: 'https://wiki.example.com/runbooks/helpfulness',
    labels: { team: 'support' },
    silencedBy: null,
    ...overrides,
  };
}

/** A batch of the three kinds of messages a channel sends: a warning, a page escalation and a recovery. */
export function sampleAlertBatch(overrides: Partial<AlertBatch> = {}): AlertBatch {
  const at = overrides.at ?? '2026-11-26T14:00:00.000Z';
  const channel = overrides.channel ?? 'sample';
  return {
    id: 'sample-batch',
    cycleId: `sync:${at}`,
    at,
    channel,
    events: [
      sampleAlertEvent({
        id: 'sample-warning',
        at,
        slo: 'p95-latency',
        kind: 'fired',
        level: 'warning',
        status: 'warning',
        value: 3400,
        unit: 'ms',
        op: 'lte',
        target: 2000,
        warning: 3000,
        critical: 5000,
        previousValue: 2100,
        budget: null,
        burnRates: [],
        description: null,
        groupBy: 'metadata.model',
        segment: 'gpt-4o',
        runbook: null,
      }),
      sampleAlertEvent({
        id: 'sample-page',
        at,
        kind: 'escalated',
        level: 'page',
        previousLevel: 'critical',
        peakLevel: 'page',
      }),
      sampleAlertEvent({
        id: 'sample-resolved',
        at,
        slo: 'cost-per-query',
        kind: 'resolved',
        level: 'none',
        previousLevel: 'warning',
        peakLevel: 'warning',
        status: 'ok',
        value: 0.041,
        unit: 'usd',
        op: 'lte',
        target: 0.05,
        warning: 0.06,
        critical: 0.08,
        previousValue: 0.063,
        description: null,
        budget: null,
        burnRates: [],
        worstExamples: [],
        runbook: 'https://wiki.example.com/runbooks/llm-cost',
      }),
    ],
    ...overrides,
  };
}

/** A one-day digest with two SLOs, for test messages and tests. */
export function sampleDigestBatch(overrides: Partial<DigestBatch> = {}): DigestBatch {
  const from = overrides.from ?? '2026-11-25T00:00:00.000Z';
  const to = overrides.to ?? '2026-11-26T00:00:00.000Z';
  const report: HistoryReport = {
    schemaVersion: 1,
    generatedAt: to,
    from,
    to,
    days: 1,
    slos: [
      {
        name: 'helpfulness',
        description: 'Share of answers an LLM judge rates helpful',
        unit: 'percent',
        op: 'gte',
        target: 0.8,
        warning: 0.75,
        critical: 0.7,
        window: '1h',
        value: 0.791,
        samples: 7412,
        status: 'at_risk',
        budgetRemaining: 0.42,
        series: [],
        alerts: [
          { at: '2026-11-25T13:40:00.000Z', kind: 'fired', level: 'warning', segment: '', silenced: false },
        ],
      },
      {
        name: 'p95-latency',
        description: null,
        unit: 'ms',
        op: 'lte',
        target: 2000,
        warning: 3000,
        critical: 5000,
        window: '1h',
        value: 1650,
        samples: 7412,
        status: 'ok',
        budgetRemaining: null,
        series: [],
        alerts: [],
      },
    ],
    compliance: 0.5,
    complianceCounts: { met: 1, counted: 2 },
  };
  return { id: 'sample-digest', channel: 'sample', from, to, report, ...overrides };
}
