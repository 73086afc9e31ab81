import type { AlertEvent } from '@slokit/core';
import { type HttpReceiver, startHttpReceiver } from '@slokit/testkit/receivers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleAlertEvent } from '../sample-alert-batch.js';
import { createAlertmanagerChannel } from './alertmanager.js';
import {
  type AlertmanagerProcess,
  alertmanagerBinary,
  startAlertmanager,
} from './test-support/alertmanager-process.js';

/** `gettableAlert` of `GET /api/v2/alerts`, the fields this test reads. */
interface GettableAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  generatorURL?: string;
  fingerprint: string;
  status: { state: string; silencedBy: string[]; inhibitedBy: string[] };
  receivers: Array<{ name: string }>;
}

/** Alertmanager's webhook notification (`version: "4"`), the fields this test reads. */
interface WebhookMessage {
  version: string;
  status: 'firing' | 'resolved';
  alerts: Array<{
    status: string;
    labels: Record<string, string>;
    annotations: Record<string, string>;
    endsAt: string;
  }>;
}

let alertmanager: AlertmanagerProcess;
let webhook: HttpReceiver;

beforeAll(async () => {
  webhook = await startHttpReceiver({ handle: () => ({ status: 200, accepted: true }) });
  alertmanager = await startAlertmanager(`global:
  resolve_timeout: 5m
route:
  receiver: slokit-test
  group_by: [alertname, slo, segment, severity]
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 1h
receivers:
  - name: slokit-test
    webhook_configs:
      - url: ${webhook.url}/hook
        send_resolved: true
`);
}, 120_000);

afterAll(async () => {
  await alertmanager?.stop();
  await webhook?.stop();
});

async function activeAlerts(): Promise<GettableAlert[]> {
  const response = await fetch(`${alertmanager.url}/api/v2/alerts?active=true&silenced=true&inhibited=true`);
  expect(response.status).toBe(200);
  return (await response.json()) as GettableAlert[];
}

async function notifications(until: (messages: WebhookMessage[]) => boolean): Promise<WebhookMessage[]> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const messages = webhook.requests.map((request) => request.json as WebhookMessage);
    if (until(messages) || Date.now() > deadline) return messages;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('alertmanager channel against a real Alertmanager (Debian prometheus-alertmanager)', () => {
  it('fires, re-posts, escalates and resolves alerts that Alertmanager stores, routes and notifies', async () => {
    const am = createAlertmanagerChannel(
      'am',
      { url: alertmanager.url, labels: { env: 'test' }, generatorUrl: 'https://slo.example.com/dashboard' },
      { env: {} },
    );
    const start = Date.now() - 60_000;
    const at = (offsetMs: number) => new Date(start + offsetMs).toISOString();
    const send = (id: string, event: Partial<AlertEvent>) =>
      am.send({ id, cycleId: id, at: event.at!, channel: 'am', events: [sampleAlertEvent(event)] });

    await send('c1', { at: at(0), kind: 'fired', level: 'critical' });
    let alerts = await activeAlerts();
    expect(alerts).toHaveLength(1);
    const fired = alerts[0]!;
    expect(fired.labels).toEqual({
      alertname: 'SlokitSLO',
      slo: 'helpfulness',
      severity: 'critical',
      env: 'test',
      team: 'support',
    });
    expect(fired.annotations.summary).toBe('helpfulness: fired critical; 68.1% vs ≥ 80% over 1h');
    expect(fired.annotations.description).toContain('Value 68.1% vs target ≥ 80%.');
    expect(fired.annotations.runbook_url).toBe('https://wiki.example.com/runbooks/helpfulness');
    expect(fired.generatorURL).toBe('https://slo.example.com/dashboard');
    expect(fired.status.state).toBe('active');
    expect(Date.parse(fired.startsAt)).toBe(Date.parse(at(0)));
    // An explicit endsAt: resolve_timeout (5m) does not end it between posts.
    expect(Date.parse(fired.endsAt)).toBe(Date.parse(at(0)) + 5 * 3_600_000);

    // Re-posted while firing (a repeat): Alertmanager keeps the first start and takes the later end.
    await send('c2', { at: at(30_000), kind: 'repeated', level: 'critical', value: 0.66 });
    alerts = await activeAlerts();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.fingerprint).toBe(fired.fingerprint);
    expect(Date.parse(alerts[0]!.startsAt)).toBe(Date.parse(at(0)));
    expect(Date.parse(alerts[0]!.endsAt)).toBe(Date.parse(at(30_000)) + 5 * 3_600_000);
    expect(alerts[0]!.annotations.summary).toBe('helpfulness: still critical; 66% vs ≥ 80% over 1h');

    const firing = await notifications((messages) => messages.some((message) => message.status === 'firing'));
    const first = firing.find((message) => message.status === 'firing')!;
    expect(first.version).toBe('4');
    expect(first.alerts[0]!.labels).toMatchObject({ slo: 'helpfulness', severity: 'critical' });
    expect(first.alerts[0]!.annotations.runbook_url).toBe('https://wiki.example.com/runbooks/helpfulness');

    // Escalation: the critical alert ends, the page alert fires.
    await send('c3', { at: at(40_000), kind: 'escalated', level: 'page', previousLevel: 'critical' });
    alerts = await activeAlerts();
    expect(alerts.map((alert) => alert.labels.severity)).toEqual(['page']);

    // Recovery: the page alert ends at the event's time and nothing is active any more.
    await send('c4', {
      at: at(50_000),
      kind: 'resolved',
      level: 'none',
      previousLevel: 'page',
      status: 'ok',
    });
    expect(await activeAlerts()).toEqual([]);
    const resolved = await notifications((messages) =>
      messages.some(
        (message) => message.status === 'resolved' && message.alerts[0]?.labels.severity === 'page',
      ),
    );
    const pageResolved = resolved.find(
      (message) => message.status === 'resolved' && message.alerts[0]?.labels.severity === 'page',
    );
    expect(pageResolved, alertmanager.output()).toBeDefined();
    expect(Date.parse(pageResolved!.alerts[0]!.endsAt)).toBe(Date.parse(at(50_000)));
    const criticalResolved = resolved.find(
      (message) => message.status === 'resolved' && message.alerts[0]?.labels.severity === 'critical',
    );
    expect(Date.parse(criticalResolved!.alerts[0]!.endsAt)).toBe(Date.parse(at(40_000)));
  });

  it('takes a segment alert with sanitized labels, and a test message marked slokit_test', async () => {
    const am = createAlertmanagerChannel(
      'am',
      { url: alertmanager.url, alertname: 'LLMQuality' },
      { env: {} },
    );
    const now = new Date().toISOString();
    await am.send({
      id: 't1',
      cycleId: 't1',
      at: now,
      channel: 'am',
      test: true,
      events: [
        sampleAlertEvent({
          at: now,
          slo: 'p95-latency',
          segment: 'gpt-4o-mini',
          groupBy: 'metadata.model',
          labels: { 'cost-center': 'ml/42' },
        }),
      ],
    });
    const alerts = await activeAlerts();
    const test = alerts.find((alert) => alert.labels.alertname === 'LLMQuality');
    expect(test?.labels).toEqual({
      alertname: 'LLMQuality',
      slo: 'p95-latency',
      segment: 'gpt-4o-mini',
      severity: 'critical',
      cost_center: 'ml/42',
      slokit_test: 'true',
    });
    expect(test?.annotations.summary).toMatch(/^\[TEST\] p95-latency \[metadata\.model=gpt-4o-mini\]/);
    expect(Date.parse(test!.endsAt) - Date.parse(now)).toBe(5 * 60_000);
  });
});

describe('the real Alertmanager test without Alertmanager', () => {
  it('fails (never skips), saying how to install it', async () => {
    expect(alertmanagerBinary).toBe('/usr/bin/prometheus-alertmanager');
    await expect(
      startAlertmanager('route: {receiver: x}', '/nonexistent/prometheus-alertmanager'),
    ).rejects.toThrow(
      "/nonexistent/prometheus-alertmanager is missing: install Debian's Alertmanager with `apt-get install prometheus-alertmanager`",
    );
  });
});
