import { validatePagerdutyEvent } from '@slokit/testkit/receivers';
import { describe, expect, it } from 'vitest';
import { sampleAlertEvent } from '../sample-alert-batch.js';
import {
  defaultPagerdutySeverities,
  type PagerdutyEventOptions,
  pagerdutyDedupKey,
  pagerdutyEvent,
  pagerdutyLimits,
} from './pagerduty-event.js';

const options: PagerdutyEventOptions = {
  source: 'slokit',
  severities: defaultPagerdutySeverities,
  dedupKeyPrefix: 'slokit',
};
const routingKey = 'R0123456789abcdef0123456789abcde';

/** As sent: the routing key added to the event. */
const sent = (event: object) => ({ routing_key: routingKey, ...event });

describe('pagerdutyDedupKey', () => {
  it('is one key per SLO and segment, the same every cycle', () => {
    expect(pagerdutyDedupKey({ slo: 'helpfulness', segment: '' })).toBe('slokit:helpfulness');
    expect(pagerdutyDedupKey({ slo: 'p95-latency', segment: 'gpt-4o' })).toBe('slokit:p95-latency:gpt-4o');
    expect(pagerdutyDedupKey({ slo: 'p95-latency', segment: 'gpt-4o' }, 'prod-eu')).toBe(
      'prod-eu:p95-latency:gpt-4o',
    );
  });

  it('stays within 255 characters, distinct for long keys that share a start', () => {
    const long = 'x'.repeat(300);
    const a = pagerdutyDedupKey({ slo: 'helpfulness', segment: `${long}a` });
    const b = pagerdutyDedupKey({ slo: 'helpfulness', segment: `${long}b` });
    expect(a.length).toBeLessThanOrEqual(255);
    expect(b.length).toBeLessThanOrEqual(255);
    expect(a).not.toBe(b);
    expect(a.startsWith('slokit:helpfulness:xxx')).toBe(true);
    expect(pagerdutyDedupKey({ slo: 'helpfulness', segment: `${long}a` })).toBe(a);
  });
});

describe('pagerdutyEvent', () => {
  it('triggers with the context of the event, in the documented format', () => {
    const event = pagerdutyEvent(sampleAlertEvent(), {
      ...options,
      dashboardUrl: 'https://slo.example.com/',
    });
    expect(validatePagerdutyEvent(sent(event))).toEqual([]);
    expect(event).toMatchObject({
      event_action: 'trigger',
      dedup_key: 'slokit:helpfulness',
      payload: {
        summary: 'helpfulness: fired critical; 68.1% vs ≥ 80% over 1h',
        source: 'slokit',
        severity: 'critical',
        timestamp: '2026-11-26T14:00:00.000Z',
        component: 'helpfulness',
        group: 'support',
        class: 'objective',
      },
      client: 'slokit',
      client_url: 'https://slo.example.com/',
    });
    expect(event.payload!.custom_details).toEqual({
      slo: 'helpfulness',
      event: 'fired critical',
      level: 'critical',
      previous_level: 'none',
      status: 'critical',
      value: '68.1%',
      target: '≥ 80%',
      window: '1h',
      samples: 308,
      evaluated_at: '2026-11-26T14:00:00.000Z',
      raw: { value: 0.681, target: 0.8, op: 'gte', unit: 'percent' },
      thresholds: 'warning < 75%, critical < 70%',
      interval: '95% CI 62.7% – 73.1%',
      trend: '↓ from 77.4% (worse)',
      error_budget:
        "22.1% left (48 of 61.6 allowed bad events used), exhausted in 1h 30m at the last hour's burn",
      burn_rates: ['1h/5m burning 16x/18x (fires above 14.4x: page) FIRING'],
      worst_examples: [
        {
          id: 'run-7f3a',
          value: '10%',
          timestamp: '2026-11-26T13:52:10.000Z',
          url: 'https://smith.example.com/runs/7f3a',
        },
        { id: 'run-91c2', value: '20%', timestamp: '2026-11-26T13:55:43.000Z', url: null },
      ],
      description: 'Share of answers an LLM judge rates helpful',
      runbook: 'https://wiki.example.com/runbooks/helpfulness',
      labels: { team: 'support' },
    });
    // Runbook first, then the dashboard, then the worst examples that have a link.
    expect(event.links).toEqual([
      { href: 'https://wiki.example.com/runbooks/helpfulness', text: 'Runbook: helpfulness' },
      { href: 'https://slo.example.com/', text: 'SLO dashboard' },
      { href: 'https://smith.example.com/runs/7f3a', text: 'Worst example run-7f3a (10%)' },
    ]);
  });

  it('maps levels to severities: page and critical → critical, ticket and warning → warning; configurable', () => {
    const severity = (
      level: 'warning' | 'ticket' | 'critical' | 'page',
      severities = defaultPagerdutySeverities,
    ) => pagerdutyEvent(sampleAlertEvent({ level }), { ...options, severities }).payload!.severity;
    expect(severity('page')).toBe('critical');
    expect(severity('critical')).toBe('critical');
    expect(severity('ticket')).toBe('warning');
    expect(severity('warning')).toBe('warning');
    const custom = { ...defaultPagerdutySeverities, critical: 'error' as const, ticket: 'info' as const };
    expect(severity('critical', custom)).toBe('error');
    expect(severity('ticket', custom)).toBe('info');
  });

  it('de-escalates with a new trigger at the lower severity under the same key, and resolves that key', () => {
    const deescalated = pagerdutyEvent(
      sampleAlertEvent({ kind: 'deescalated', level: 'warning', previousLevel: 'page' }),
      options,
    );
    expect(deescalated).toMatchObject({
      event_action: 'trigger',
      dedup_key: 'slokit:helpfulness',
      payload: {
        severity: 'warning',
        summary: 'helpfulness: de-escalated page → warning; 68.1% vs ≥ 80% over 1h',
      },
    });
    const resolved = pagerdutyEvent(
      sampleAlertEvent({ kind: 'resolved', level: 'none', previousLevel: 'warning', segment: 'gpt-4o' }),
      options,
    );
    expect(resolved).toEqual({ event_action: 'resolve', dedup_key: 'slokit:helpfulness:gpt-4o' });
    expect(validatePagerdutyEvent(sent(resolved))).toEqual([]);
  });

  it('classes a page from a firing burn-rate rule as budget-burn', () => {
    const page = pagerdutyEvent(sampleAlertEvent({ level: 'page' }), options);
    expect(page.payload!.class).toBe('budget-burn');
  });

  it('keeps the summary within 1024 characters and drops unsafe links', () => {
    const event = pagerdutyEvent(
      sampleAlertEvent({
        slo: 'helpfulness',
        segment: '🙂'.repeat(700),
        runbook: 'javascript:alert(1)',
        worstExamples: [{ id: 'a', url: 'file:///etc/passwd', timestamp: null, value: 1 }],
      }),
      options,
    );
    expect(event.payload!.summary.length).toBeLessThanOrEqual(pagerdutyLimits.summary);
    expect(event.payload!.summary.endsWith('…')).toBe(true);
    expect(event.links).toBeUndefined();
    expect(validatePagerdutyEvent(sent(event))).toEqual([]);
  });

  it('replaces the details of an event over 512 KB by a note, as Alertmanager does', () => {
    const huge = 'x'.repeat(200_000);
    const event = pagerdutyEvent(
      sampleAlertEvent({
        description: huge,
        worstExamples: [
          { id: 'a', url: null, timestamp: null, value: huge },
          { id: 'b', url: null, timestamp: null, value: huge },
        ],
      }),
      options,
    );
    expect(Buffer.byteLength(JSON.stringify(sent(event)))).toBeLessThan(pagerdutyLimits.payload);
    expect(event.payload!.custom_details).toEqual({
      note: 'The details of this event exceeded the Events API size limit (512 KB) and were left out.',
      slo: 'helpfulness',
      segment: '',
    });
    expect(validatePagerdutyEvent(sent(event))).toEqual([]);
  });

  it('marks a test message: its own key, severity info, [TEST] in the summary', () => {
    const event = pagerdutyEvent(sampleAlertEvent({ level: 'page' }), options, { batchId: 'b-1' });
    expect(event).toMatchObject({
      event_action: 'trigger',
      dedup_key: 'slokit-test:helpfulness:b-1',
      payload: { severity: 'info', summary: '[TEST] helpfulness: fired page; 68.1% vs ≥ 80% over 1h' },
    });
  });
});
