import {
  type HttpReceiver,
  type PagerdutyReceiver,
  startHttpReceiver,
  startPagerdutyReceiver,
} from '@slokit/testkit/receivers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChannel } from '../create-channel.js';
import { deliverOutbox } from '../delivery/deliver-outbox.js';
import { sampleAlertBatch, sampleDigestBatch } from '../sample-alert-batch.js';
import { notifyConfig } from '../test-support/notify-config.js';
import { outboxRow, recordingStore } from '../test-support/recording-store.js';
import { decodeHeader } from './test-support/parse-mime.js';
import { type SmtpTestServer, startSmtpTestServer } from './test-support/smtp-test-server.js';

const t0 = Date.parse('2026-11-26T14:00:00Z');
const routingKey = 'ROUTINGKEYOUTBOX0123456789abcdef';
const smtpPassword = 'smtp-outbox-pass-8812';
const amPassword = 'am-outbox-pass-4410';
const instant = async () => {};

let pagerduty: PagerdutyReceiver;
let alertmanager: HttpReceiver;
let smtp: SmtpTestServer;

beforeAll(async () => {
  pagerduty = await startPagerdutyReceiver({ routingKeys: [routingKey] });
  alertmanager = await startHttpReceiver({ handle: () => ({ status: 200, accepted: true }) });
  smtp = await startSmtpTestServer({ users: { 'slo@example.com': smtpPassword } });
});
afterAll(async () => {
  await pagerduty.stop();
  await alertmanager.stop();
  await smtp.stop();
});

/** The channels as a config file declares them, credentials through `${VAR}` (already interpolated here). */
function channels() {
  return {
    oncall: { type: 'pagerduty', routingKey, url: pagerduty.url, timeout: '30s' },
    am: {
      type: 'alertmanager',
      url: alertmanager.url.replace('http://', `http://ops:${amPassword}@`),
      timeout: '30s',
    },
    mail: { type: 'email', smtp: smtp.url('slo@example.com', smtpPassword), to: ['ml-team@example.com'] },
    reports: {
      type: 'email',
      smtp: smtp.url('slo@example.com', smtpPassword),
      to: 'leads@example.com',
      schedule: 'daily',
    },
  };
}

describe('email, PagerDuty and Alertmanager through createChannel and the outbox', () => {
  it('builds each channel from its config block (type included) and rejects bad settings by path', async () => {
    const config = notifyConfig(channels());
    for (const name of ['oncall', 'am', 'mail', 'reports']) {
      const channel = await createChannel(name, config, { env: {} });
      expect(channel.name).toBe(name);
    }
    const bad = notifyConfig({ oncall: { type: 'pagerduty', routingKey: 'short', url: pagerduty.url } });
    await expect(createChannel('oncall', bad, { env: {} })).rejects.toThrow(
      'channels.oncall.routingKey: expected the 32-character integration key of an Events API v2 integration',
    );
  });

  it('delivers the rows of each channel and keeps every secret out of the store', async () => {
    const store = recordingStore();
    await store.commit({
      outbox: [
        outboxRow(sampleAlertBatch({ id: 'o-pd', channel: 'oncall' }), t0),
        outboxRow(sampleAlertBatch({ id: 'o-am', channel: 'am' }), t0),
        outboxRow(sampleAlertBatch({ id: 'o-mail', channel: 'mail' }), t0),
        {
          ...outboxRow(sampleAlertBatch({ id: 'o-digest', channel: 'reports' }), t0),
          payload: JSON.stringify(sampleDigestBatch({ id: 'o-digest', channel: 'reports' })),
        },
      ],
    });
    // The first try fails on PagerDuty and Alertmanager; the rows wait, with a reason and no secret.
    await pagerduty.addFault({ kind: 'status', status: 503, times: Infinity });
    await alertmanager.fault({ kind: 'refused' });
    const first = await deliverOutbox({
      store,
      config: notifyConfig(channels()),
      env: {},
      now: () => t0,
      retry: { maxAttempts: 1 },
      sleep: instant,
    });
    expect(first.failed.map((failure) => [failure.channel, failure.dead]).sort()).toEqual([
      ['am', false],
      ['oncall', false],
    ]);
    expect(first.sent.map((sent) => sent.channel).sort()).toEqual(['mail', 'reports']);
    await pagerduty.clearFaults();
    await alertmanager.fault(null);

    const second = await deliverOutbox({
      store,
      config: notifyConfig(channels()),
      env: {},
      now: () => t0 + 3_600_000,
      sleep: instant,
    });
    expect(second.sent.map((sent) => sent.channel).sort()).toEqual(['am', 'oncall']);
    expect(pagerduty.events.map((event) => event.dedupKey)).toEqual([
      'slokit:p95-latency:gpt-4o',
      'slokit:helpfulness',
      'slokit:cost-per-query',
    ]);
    expect(alertmanager.accepted()).toHaveLength(1);
    // Channels deliver concurrently: the two mails may arrive in either order.
    expect(smtp.mails.map((mail) => decodeHeader(mail.message.headers.get('subject')!)).sort()).toEqual([
      '[slokit] 3 SLO alerts (1 page, 1 warning, 1 resolved): p95-latency [metadata.model=gpt-4o], helpfulness and 1 more',
      '[slokit] SLO report 2026-11-25 to 2026-11-26: 50% compliance, 1 alert',
    ]);
    expect([...store.outbox().values()].every((row) => row.status === 'sent')).toBe(true);

    const written = store.written();
    expect(written).toContain('PagerDuty Events API failed (HTTP 503');
    for (const secret of [routingKey, smtpPassword, amPassword, encodeURIComponent(smtpPassword)])
      expect(written).not.toContain(secret);
    expect(`${JSON.stringify(first)}${JSON.stringify(second)}`).not.toMatch(
      new RegExp(`${routingKey}|${smtpPassword}|${amPassword}`),
    );
  });
});
