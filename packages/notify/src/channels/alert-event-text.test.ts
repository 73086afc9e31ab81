import { describe, expect, it } from 'vitest';
import { sampleAlertEvent } from '../sample-alert-batch.js';
import {
  eventHeadline,
  formatBudget,
  formatBurnRate,
  formatExampleValue,
  formatSpan,
  formatTime,
  formatTrend,
  safeUrl,
} from './alert-event-text.js';

describe('alert event text', () => {
  it('words an event as the CLI does, for the SLO and for a segment', () => {
    expect(eventHeadline(sampleAlertEvent())).toBe('helpfulness: fired critical; 68.1% vs ≥ 80% over 1h');
    expect(
      eventHeadline(
        sampleAlertEvent({
          slo: 'p95-latency',
          segment: 'gpt-4o',
          groupBy: 'metadata.model',
          kind: 'deescalated',
          level: 'warning',
          previousLevel: 'critical',
          value: 3400,
          unit: 'ms',
          op: 'lte',
          target: 2000,
          window: null,
        }),
      ),
    ).toBe('p95-latency [metadata.model=gpt-4o]: de-escalated critical → warning; 3.4s vs ≤ 2s');
  });

  it('says whether a move is better or worse for the objective', () => {
    expect(formatTrend(sampleAlertEvent({ value: 0.7, previousValue: 0.75 }))).toBe('↓ from 75% (worse)');
    expect(formatTrend(sampleAlertEvent({ value: 0.8, previousValue: 0.75 }))).toBe('↑ from 75% (better)');
    expect(formatTrend(sampleAlertEvent({ op: 'lte', unit: 'ms', value: 2500, previousValue: 3100 }))).toBe(
      '↓ from 3.1s (better)',
    );
    expect(formatTrend(sampleAlertEvent({ value: 0.7, previousValue: 0.7 }))).toBe('→ unchanged at 70%');
    expect(formatTrend(sampleAlertEvent({ previousValue: null }))).toBeNull();
  });

  it('tells how much budget is left, and when it runs out', () => {
    const at = '2026-11-26T14:00:00.000Z';
    expect(
      formatBudget(
        { method: 'occurrences', allowed: 28, consumed: 64, remaining: -1.286, exhaustsAt: null },
        at,
      ),
    ).toBe('overspent: -128.6% left (64 of 28 allowed bad events used)');
    expect(
      formatBudget(
        {
          method: 'timeslices',
          allowed: 86.4,
          consumed: 12,
          remaining: 0.861,
          exhaustsAt: Date.parse(at) + 3 * 86_400_000,
        },
        at,
      ),
    ).toBe(
      "86.1% left (12 of 86.4 allowed bad 5-minute slices used), exhausted in 3.0d at the last hour's burn",
    );
    expect(
      formatBudget({ method: 'occurrences', allowed: 0, consumed: 3, remaining: null, exhaustsAt: null }, at),
    ).toBe('spent (3 of 0 allowed bad events used)');
  });

  it('shows every burn-rate rule, firing or not', () => {
    expect(
      formatBurnRate({
        level: 'ticket',
        long: '3d',
        short: '6h',
        factor: 1,
        longRate: 0.42,
        shortRate: null,
        shortEvents: 0,
        firing: false,
      }),
    ).toBe('3d/6h burning 0.4x/— (fires above 1x: ticket)');
  });

  it('formats spans, times, example values and links', () => {
    expect(formatSpan(20_000)).toBe('1m');
    expect(formatSpan(90 * 60_000)).toBe('1h 30m');
    expect(formatSpan(2 * 3_600_000)).toBe('2h');
    expect(formatTime('2026-11-26T13:52:10.000Z')).toBe('2026-11-26 13:52:10 UTC');
    expect(formatTime('2026-11-26T13:52:00+01:00')).toBe('2026-11-26 12:52 UTC');
    expect(formatTime('yesterday')).toBe('yesterday');
    expect(formatExampleValue(0.25, 'percent')).toBe('25%');
    // A ratio's example holds the raw field (latency in ms for a latency ratio), not a fraction.
    expect(formatExampleValue(4500, 'percent')).toBe('4500');
    expect(formatExampleValue(4500, 'ms')).toBe('4.5s');
    expect(formatExampleValue('error', 'percent')).toBe('error');
    expect(formatExampleValue(true, 'percent')).toBe('true');
    expect(formatExampleValue(null, 'percent')).toBe('—');
    expect(safeUrl('https://x.example.com/a b')).toBe('https://x.example.com/a%20b');
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl('mailto:a@example.com')).toBeNull();
    expect(safeUrl('not a url')).toBeNull();
    expect(safeUrl(null)).toBeNull();
  });
});
