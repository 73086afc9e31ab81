import { ChannelError, type ChannelV1, ConfigError, SlokitError } from '@slokit/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sampleAlertBatch, sampleAlertEvent, sampleDigestBatch } from '../sample-alert-batch.js';
import { testChannel } from '../testing/index.js';
import { createEmailChannel } from './email.js';
import { closedPort, startSilentServer } from './test-support/closed-port.js';
import { everythingShown, expectNoSecrets } from './test-support/expect-no-secrets.js';
import { decodeHeader, findPart, leafParts, type MimePart } from './test-support/parse-mime.js';
import { type SmtpTestServer, startSmtpTestServer } from './test-support/smtp-test-server.js';

const user = 'alerts@example.com';
const password = 'pa:ss@w0rd/with%odd&chars';

// SMTP has no HTTP statuses: its failures (4xx deferrals, 5xx rejections, timeouts, refused connections) are
// tested below against the same real server.
testChannel({
  name: 'email',
  faults: false,
  async setup() {
    const smtp = await startSmtpTestServer({ users: { [user]: password } });
    return {
      channel: createEmailChannel(
        'reports',
        {
          smtp: smtp.url(user, password),
          from: 'slo@example.com',
          to: 'ml-team@example.com',
          timeout: '20s',
        },
        { env: {} },
      ),
      // One message per batch or digest, its Message-ID derived from the batch id; a test says so in its subject.
      received: () =>
        smtp.mails.map((mail) => ({
          key: mail.message.headers.get('message-id') ?? null,
          test: decodeHeader(mail.message.headers.get('subject') ?? '').includes('[TEST]'),
        })),
      expectedKeys: (batch) => [`<slokit.${batch.id}@example.com>`],
      secrets: [password],
      teardown: () => smtp.stop(),
    };
  },
});

let server: SmtpTestServer;

beforeAll(async () => {
  server = await startSmtpTestServer({ users: { [user]: password } });
});
afterAll(async () => {
  await server.stop();
});
afterEach(() => {
  server.mails.length = 0;
});

function channel(overrides: Record<string, unknown> = {}): ChannelV1 {
  return createEmailChannel(
    'reports',
    {
      type: 'email',
      smtp: server.url(user, password),
      to: ['ml-team@example.com', 'oncall@example.com'],
      ...overrides,
    },
    { env: {} },
  );
}

function htmlPart(message: MimePart): string {
  const part = leafParts(message).find(
    (leaf) =>
      leaf.contentType === 'text/html' &&
      !(leaf.headers.get('content-disposition') ?? '').startsWith('attachment'),
  );
  if (!part) throw new Error('no HTML part');
  return part.body;
}

function textPart(message: MimePart): string {
  const part = findPart(message, 'text/plain');
  if (!part) throw new Error('no text part');
  return part.body;
}

/** Text content of HTML with tags removed and entities decoded: what a reader sees. */
function visibleText(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

describe('email channel against a real SMTP server (smtp-server)', () => {
  it('delivers one message per batch with a plain-text and an HTML part, logged in with the URL credentials', async () => {
    const batch = sampleAlertBatch({ channel: 'reports', id: 'batch-1' });
    await channel({ from: 'SLO bot <slo-bot@example.com>' }).send(batch);

    expect(server.mails).toHaveLength(1);
    const mail = server.mails[0]!;
    expect(mail.user).toBe(user);
    expect(mail.envelope).toEqual({
      from: 'slo-bot@example.com',
      to: ['ml-team@example.com', 'oncall@example.com'],
    });
    const headers = mail.message.headers;
    expect(decodeHeader(headers.get('subject')!)).toBe(
      '[slokit] 3 SLO alerts (1 page, 1 warning, 1 resolved): p95-latency [metadata.model=gpt-4o], helpfulness and 1 more',
    );
    expect(headers.get('message-id')).toBe('<slokit.batch-1@example.com>');
    expect(headers.get('auto-submitted')).toBe('auto-generated');
    expect(headers.get('x-slokit-message')).toBe('batch-1');
    expect(mail.message.contentType).toBe('multipart/alternative');
    expect(leafParts(mail.message).map((part) => part.contentType)).toEqual(['text/plain', 'text/html']);

    const text = textPart(mail.message);
    // The summary table, then every event in detail.
    expect(text).toContain('SLO alerts at 2026-11-26 14:00 UTC (3 events)');
    expect(text).toMatch(/SLO\s+\| Event\s+\| Current \| Target\s+\| Samples \| Window \| Budget left/);
    expect(text).toMatch(
      /helpfulness\s+\| escalated critical → page\s+\| 68\.1%\s+\| ≥ 80%\s+\| 308\s+\| 1h\s+\| 22\.1%/,
    );
    expect(text).toContain('2. [PAGE] helpfulness');
    expect(text).toContain('Share of answers an LLM judge rates helpful');
    expect(text).toMatch(/Current\s+68\.1%/);
    expect(text).toMatch(/Thresholds\s+warning < 75%, critical < 70%/);
    expect(text).toMatch(/Interval\s+95% CI 62\.7% – 73\.1%/);
    expect(text).toMatch(/Trend\s+↓ from 77\.4% \(worse\)/);
    expect(text).toMatch(
      /Error budget\s+22\.1% left \(48 of 61\.6 allowed bad events used\), exhausted in 1h 30m/,
    );
    expect(text).toMatch(/Burn rates\s+1h\/5m burning 16x\/18x \(fires above 14\.4x: page\) FIRING/);
    expect(text).toContain(
      '- run-7f3a: 10% at 2026-11-26 13:52:10 UTC <https://smith.example.com/runs/7f3a>',
    );
    expect(text).toContain('- run-91c2: 20% at 2026-11-26 13:55:43 UTC');
    expect(text).toContain('Runbook: https://wiki.example.com/runbooks/helpfulness');
    expect(text).toContain('3. [RESOLVED] cost-per-query');
    expect(text).toMatch(/Event\s+resolved \(was warning\)/);

    const html = htmlPart(mail.message);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script|<svg|<link|<img/i);
    const seen = visibleText(html);
    expect(seen).toContain('SLO alerts at 2026-11-26 14:00 UTC');
    expect(seen).toContain('PAGE helpfulness');
    expect(seen).toContain('1h/5m burning 16x/18x (fires above 14.4x: page) FIRING');
    expect(html).toContain(
      '<a href="https://smith.example.com/runs/7f3a" style="color:#0550ae">run-7f3a</a>',
    );
    expect(html).toContain(
      '<a href="https://wiki.example.com/runbooks/helpfulness" style="color:#0550ae">https://wiki.example.com/runbooks/helpfulness</a>',
    );
    // One summary row per event, linking to its section.
    expect(html.match(/<a href="#event-\d"/g)).toEqual([
      '<a href="#event-1"',
      '<a href="#event-2"',
      '<a href="#event-3"',
    ]);
  });

  it('escapes every string from data in the HTML part and links only http(s) URLs', async () => {
    const hostile = '<script>alert("x")</script>&\'';
    const event = sampleAlertEvent({
      slo: 'helpfulness',
      description: `Judge ${hostile}`,
      labels: { team: `<b>${hostile}</b>` },
      segment: `seg${hostile}`,
      groupBy: 'metadata.model',
      runbook: 'javascript:alert(1)',
      worstExamples: [
        { id: `run${hostile}`, url: 'https://x.example.com/r?a=1&b="2"', timestamp: null, value: hostile },
        { id: 'run-data', url: 'data:text/html,<script>alert(1)</script>', timestamp: null, value: 0.2 },
      ],
    });
    await channel().send(
      sampleAlertBatch({ channel: `reports<${hostile}>`, events: [event], id: 'batch-x' }),
    );

    const html = htmlPart(server.mails[0]!.message);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).not.toMatch(/href="(javascript|data):/);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;');
    expect(html).toContain('href="https://x.example.com/r?a=1&amp;b=%222%22"');
    // The non-http runbook is shown as text, not as a link.
    expect(html).toContain('<strong>Runbook:</strong> javascript:alert(1)</p>');
    const seen = visibleText(html);
    expect(seen).toContain(`Judge ${hostile}`);
    expect(seen).toContain(`run${hostile} : ${hostile}`);
    // The plain-text part keeps the text as it is.
    expect(textPart(server.mails[0]!.message)).toContain(`Judge ${hostile}`);
    expect(decodeHeader(server.mails[0]!.message.headers.get('subject')!)).toContain(
      `[metadata.model=seg${hostile}]`,
    );
  });

  it('sends the day report to a digest channel (schedule: daily), with the dashboard attached', async () => {
    const digestChannel = channel({ schedule: 'daily', subjectPrefix: '[SLO]' });
    // Single alerts do not go to a digest channel: the report of the day covers them.
    await digestChannel.send(sampleAlertBatch({ channel: 'reports' }));
    expect(server.mails).toHaveLength(0);

    await digestChannel.sendDigest!(sampleDigestBatch({ channel: 'reports', id: 'digest-2026-11-25' }));
    expect(server.mails).toHaveLength(1);
    const message = server.mails[0]!.message;
    expect(decodeHeader(message.headers.get('subject')!)).toBe(
      '[SLO] SLO report 2026-11-25 to 2026-11-26: 50% compliance, 1 alert',
    );
    expect(message.headers.get('message-id')).toBe('<slokit.digest-2026-11-25@example.com>');
    expect(message.contentType).toBe('multipart/mixed');
    const text = textPart(message);
    expect(text).toContain('SLO Dashboard - Last 1 Day');
    expect(text).toMatch(/helpfulness\s+│ ≥ 80%\s+│ 79\.1%\s+│ 42%/);
    expect(text).toContain('Overall SLO Compliance: 50% (1 of 2)');
    expect(text).toContain('2026-11-25 13:40 UTC  helpfulness: fired warning');
    const seen = visibleText(htmlPart(message));
    expect(seen).toContain('Overall SLO compliance: 50% (1 of 2)');
    expect(seen).toMatch(/helpfulness Share of answers an LLM judge rates helpful ≥ 80% 79\.1% 42%/);
    expect(seen).toContain('fired warning helpfulness');
    const attachment = leafParts(message).find((part) =>
      (part.headers.get('content-disposition') ?? '').startsWith('attachment'),
    )!;
    expect(attachment.parameters.name ?? attachment.headers.get('content-disposition')).toContain(
      'slo-report-2026-11-26.html',
    );
    expect(attachment.body).toContain('<title>SLO Dashboard - Last 1 Day</title>');
    expect(attachment.body).toContain('data-slo="helpfulness"');
  });

  it('still sends a test message through a digest channel, clearly marked', async () => {
    await channel({ schedule: 'daily' }).send(sampleAlertBatch({ channel: 'reports', test: true }));
    const message = server.mails[0]!.message;
    expect(decodeHeader(message.headers.get('subject')!)).toMatch(/^\[slokit\] \[TEST\] 3 SLO alerts/);
    expect(textPart(message)).toMatch(/^THIS IS A TEST MESSAGE/);
    expect(visibleText(htmlPart(message))).toContain('This is a test message sent by slokit test-channel');
  });

  it('speaks TLS from the first byte with smtps://', async () => {
    const secure = await startSmtpTestServer({ users: { [user]: password }, secure: true });
    try {
      const tlsChannel = createEmailChannel(
        'secure',
        { smtp: `${secure.url(user, password)}?tls.rejectUnauthorized=false`, to: 'ml-team@example.com' },
        { env: {} },
      );
      await tlsChannel.send(sampleAlertBatch({ channel: 'secure', events: [sampleAlertEvent()] }));
      expect(secure.mails).toHaveLength(1);
      expect(decodeHeader(secure.mails[0]!.message.headers.get('subject')!)).toBe(
        '[slokit] helpfulness: fired critical; 68.1% vs ≥ 80% over 1h',
      );
      // The default sender is the SMTP user when it is an address.
      expect(secure.mails[0]!.message.headers.get('from')).toBe(`slokit <${user}>`);
    } finally {
      await secure.stop();
    }
  });

  it('reads the SMTP URL from SMTP_URL when smtp is not set', async () => {
    const fromEnv = createEmailChannel(
      'reports',
      { to: ['ml-team@example.com'] },
      { env: { SMTP_URL: server.url(user, password) } },
    );
    await fromEnv.send(sampleAlertBatch({ channel: 'reports' }));
    expect(server.mails).toHaveLength(1);
  });
});

describe('email channel failures', () => {
  const shown: string[] = [];

  async function failure(send: () => Promise<void>): Promise<ChannelError> {
    const error = await send().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ChannelError);
    shown.push(everythingShown(error));
    return error as ChannelError;
  }

  it('retries when the server defers (4xx) and not when it rejects (5xx)', async () => {
    server.addFault({ stage: 'data', code: 451, message: '4.7.1 Greylisted, try again in 60 seconds' });
    const deferred = await failure(() => channel().send(sampleAlertBatch({ channel: 'reports' })));
    expect(deferred.retryable).toBe(true);
    expect(deferred.message).toBe(
      `channel 'reports': the SMTP server 127.0.0.1:${server.port} deferred the message (451 4.7.1 Greylisted, try again in 60 seconds); will retry`,
    );

    server.addFault({ stage: 'data', code: 554, message: '5.7.1 Message rejected as spam' });
    const rejected = await failure(() => channel().send(sampleAlertBatch({ channel: 'reports' })));
    expect(rejected.retryable).toBe(false);
    expect(rejected.dead).toBe(false);
    expect(rejected.message).toContain('rejected the message (554 5.7.1 Message rejected as spam)');

    server.addFault({ stage: 'rcpt', code: 550, message: '5.1.1 No such user', times: 2 });
    const unknown = await failure(() => channel().send(sampleAlertBatch({ channel: 'reports' })));
    expect(unknown.retryable).toBe(false);
    expect(server.mails).toHaveLength(0);
  });

  it('does not retry a refused login, and never shows the user or password', async () => {
    const wrong = createEmailChannel(
      'reports',
      { smtp: server.url(user, 'not-the-password-1234'), to: 'ml-team@example.com' },
      { env: {} },
    );
    const error = await failure(() => wrong.send(sampleAlertBatch({ channel: 'reports' })));
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(
      /refused the login \(535 .*\); check the user and password in channels\.reports\.smtp/,
    );
    expectNoSecrets([everythingShown(error)], ['not-the-password-1234']);
  });

  it('retries a server that never answers (timeout) and one that refuses the connection', async () => {
    const silent = await startSilentServer();
    try {
      const hung = createEmailChannel(
        'reports',
        {
          smtp: `smtp://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${silent.port}`,
          to: 'a@example.com',
          timeout: '0.3s',
        },
        { env: {} },
      );
      const started = Date.now();
      const error = await failure(() => hung.send(sampleAlertBatch({ channel: 'reports' })));
      // It gave up instead of waiting for the silent server (generous: a loaded machine is slow to fire timers).
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(error.retryable).toBe(true);
      expect(error.message).toBe(
        `channel 'reports': no answer from the SMTP server 127.0.0.1:${silent.port} within 300ms (timeout)`,
      );
    } finally {
      await silent.stop();
    }

    const port = await closedPort();
    const refused = createEmailChannel(
      'reports',
      {
        smtp: `smtp://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}`,
        to: 'a@example.com',
      },
      { env: {} },
    );
    const error = await failure(() => refused.send(sampleAlertBatch({ channel: 'reports' })));
    expect(error.retryable).toBe(true);
    expect(error.message).toContain(
      `could not deliver through the SMTP server 127.0.0.1:${port} (ECONNREFUSED`,
    );
  });

  it('stops at once when delivery is aborted', async () => {
    const silent = await startSilentServer();
    try {
      const hung = createEmailChannel(
        'reports',
        { smtp: `smtp://127.0.0.1:${silent.port}`, to: 'a@example.com', timeout: '60s' },
        { env: {} },
      );
      const controller = new AbortController();
      setTimeout(() => controller.abort(new Error('stopping')), 100);
      const started = Date.now();
      await expect(
        hung.send(sampleAlertBatch({ channel: 'reports' }), { signal: controller.signal }),
      ).rejects.toThrow('stopping');
      expect(Date.now() - started).toBeLessThan(20_000);
    } finally {
      await silent.stop();
    }
  });

  it('never shows the SMTP password in any error (secret scan)', () => {
    expect(shown.length).toBeGreaterThanOrEqual(6);
    expectNoSecrets(shown, [password]);
    for (const text of shown) expect(text).not.toContain('smtp://');
  });
});

describe('email channel settings', () => {
  it('names the field and never repeats an SMTP URL', () => {
    const attempt = (settings: Record<string, unknown>, env: Record<string, string> = {}) => {
      try {
        createEmailChannel('reports', settings as never, { env });
      } catch (error) {
        expect(SlokitError.isInstance(error)).toBe(true);
        expect(error).toBeInstanceOf(ConfigError);
        return (error as Error).message;
      }
      throw new Error('expected a ConfigError');
    };
    expect(attempt({ to: ['a@example.com'] })).toBe(
      'channels.reports.smtp: missing: set smtp to an SMTP URL (smtp://user:password@host:587) or the SMTP_URL environment variable',
    );
    const http = attempt({ smtp: 'https://user:s3cret-pass@mail.example.com', to: 'a@example.com' });
    expect(http).toBe('channels.reports.smtp: expected an smtp:// or smtps:// URL, not https://');
    expect(attempt({ smtp: 'smtp://mail.example.com?debug=true', to: 'a@example.com' })).toContain(
      "unknown SMTP URL parameter 'debug'",
    );
    expect(attempt({ smtp: 'smtp://mail.example.com', to: ['not an address'] })).toContain(
      'channels.reports.to[0]: expected an email address',
    );
    expect(attempt({ smtp: 'smtp://mail.example.com', to: 'a@example.com', schedule: 'hourly' })).toContain(
      'channels.reports.schedule',
    );
    expect(attempt({ smtp: 'smtp://mail.example.com', to: 'a@example.com', cc: 'b@example.com' })).toContain(
      "channels.reports: unknown setting 'cc'",
    );
    expect(attempt({ to: 'a@example.com' }, { SMTP_URL: 'smtp://u:s3cret-pass@mail.example.com/path' })).toBe(
      'channels.reports.smtp: SMTP_URL: the SMTP URL must not have a path',
    );
  });
});
