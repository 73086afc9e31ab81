import { describe, expect, it } from 'vitest';
import { sampleAlertEvent } from '../sample-alert-batch.js';
import {
  type AlertmanagerAlertOptions,
  alertmanagerAlerts,
  alertmanagerAnnotations,
  alertmanagerLabelName,
  alertmanagerLabels,
} from './alertmanager-alert.js';

const options: AlertmanagerAlertOptions = {
  alertname: 'SlokitSLO',
  labels: { env: 'prod', team: 'platform' },
  endsAfterMs: 5 * 3_600_000,
  generatorUrl: 'https://slo.example.com/',
};

describe('alertmanagerLabels', () => {
  it('carries alertname, slo, segment, severity and the labels of the SLO over those of the channel', () => {
    expect(alertmanagerLabels(sampleAlertEvent({ segment: 'gpt-4o' }), 'critical', options)).toEqual({
      alertname: 'SlokitSLO',
      slo: 'helpfulness',
      segment: 'gpt-4o',
      severity: 'critical',
      env: 'prod',
      team: 'support',
    });
  });

  it('leaves out an empty segment (an empty label is no label) and never lets a label replace a reserved one', () => {
    const labels = alertmanagerLabels(
      sampleAlertEvent({
        labels: { severity: 'low', slo: 'other', 'cost-center': '42', '9lives': 'x', empty: '' },
      }),
      'warning',
      { alertname: 'SlokitSLO', labels: { alertname: 'Mine' } },
    );
    expect(labels).toEqual({
      alertname: 'SlokitSLO',
      slo: 'helpfulness',
      severity: 'warning',
      cost_center: '42',
      _9lives: 'x',
    });
  });

  it('turns any name into one Alertmanager 0.25 accepts', () => {
    expect(alertmanagerLabelName('team-name')).toBe('team_name');
    expect(alertmanagerLabelName('k8s.io/app')).toBe('k8s_io_app');
    expect(alertmanagerLabelName('2fa')).toBe('_2fa');
    expect(alertmanagerLabelName('')).toBe('_');
    expect(alertmanagerLabelName('ok_Name1')).toBe('ok_Name1');
  });
});

describe('alertmanagerAnnotations', () => {
  it('has the summary, a description with the context, the runbook URL and the worst examples', () => {
    expect(alertmanagerAnnotations(sampleAlertEvent(), false)).toEqual({
      summary: 'helpfulness: fired critical; 68.1% vs ≥ 80% over 1h',
      description: [
        'Share of answers an LLM judge rates helpful',
        'Value 68.1% vs target ≥ 80%.',
        'Thresholds: warning < 75%, critical < 70%.',
        'Window: 1h, 308 samples.',
        'Interval: 95% CI 62.7% – 73.1%.',
        'Trend: ↓ from 77.4% (worse).',
        "Error budget: 22.1% left (48 of 61.6 allowed bad events used), exhausted in 1h 30m at the last hour's burn.",
        'Burn rate 1h/5m burning 16x/18x (fires above 14.4x: page) FIRING.',
      ].join('\n'),
      value: '68.1%',
      target: '≥ 80%',
      window: '1h',
      samples: '308',
      runbook_url: 'https://wiki.example.com/runbooks/helpfulness',
      budget_remaining: '22.1%',
      worst_examples: [
        'run-7f3a (10%, 2026-11-26 13:52:10 UTC) https://smith.example.com/runs/7f3a',
        'run-91c2 (20%, 2026-11-26 13:55:43 UTC)',
      ].join('\n'),
    });
  });

  it('keeps a runbook that is not a URL as text, not as runbook_url', () => {
    const annotations = alertmanagerAnnotations(sampleAlertEvent({ runbook: 'ask #ml-oncall' }), false);
    expect(annotations.runbook_url).toBeUndefined();
    expect(annotations.runbook).toBe('ask #ml-oncall');
  });
});

describe('alertmanagerAlerts', () => {
  const at = '2026-11-26T14:00:00.000Z';
  const severities = (alerts: ReturnType<typeof alertmanagerAlerts>) =>
    alerts.map((alert) => [alert.labels.severity, alert.startsAt, alert.endsAt]);

  it('fires with an explicit endsAt: the event time plus endsAfter', () => {
    const [alert, ...rest] = alertmanagerAlerts(sampleAlertEvent({ at }), options);
    expect(rest).toEqual([]);
    expect(alert).toMatchObject({
      startsAt: at,
      endsAt: '2026-11-26T19:00:00.000Z',
      generatorURL: 'https://slo.example.com/',
      labels: { severity: 'critical' },
    });
    expect(severities(alertmanagerAlerts(sampleAlertEvent({ at, kind: 'repeated' }), options))).toEqual([
      ['critical', at, '2026-11-26T19:00:00.000Z'],
    ]);
  });

  it('ends the alert at the previous level and fires the new one on escalation and de-escalation', () => {
    expect(
      severities(
        alertmanagerAlerts(
          sampleAlertEvent({ at, kind: 'escalated', level: 'page', previousLevel: 'critical' }),
          options,
        ),
      ),
    ).toEqual([
      ['critical', at, at],
      ['page', at, '2026-11-26T19:00:00.000Z'],
    ]);
    expect(
      severities(
        alertmanagerAlerts(
          sampleAlertEvent({ at, kind: 'deescalated', level: 'warning', previousLevel: 'page' }),
          options,
        ),
      ),
    ).toEqual([
      ['page', at, at],
      ['warning', at, '2026-11-26T19:00:00.000Z'],
    ]);
  });

  it('resolves the alert of the level it had, with endsAt at the event time', () => {
    const alerts = alertmanagerAlerts(
      sampleAlertEvent({ at, kind: 'resolved', level: 'none', previousLevel: 'warning', status: 'ok' }),
      options,
    );
    expect(severities(alerts)).toEqual([['warning', at, at]]);
    expect(alerts[0]!.annotations.summary).toBe(
      'helpfulness: resolved (was warning); 68.1% vs ≥ 80% over 1h',
    );
  });

  it('posts a test as a firing alert marked slokit_test that ends after 5 minutes', () => {
    const [alert] = alertmanagerAlerts(
      sampleAlertEvent({ at, kind: 'resolved', level: 'none', previousLevel: 'page' }),
      options,
      true,
    );
    expect(alert!.labels).toMatchObject({ severity: 'page', slokit_test: 'true' });
    expect(alert!.endsAt).toBe('2026-11-26T14:05:00.000Z');
    expect(alert!.annotations.summary).toMatch(/^\[TEST\] /);
  });
});
