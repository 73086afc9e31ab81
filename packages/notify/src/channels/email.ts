import type { AlertBatch, ChannelV1, DigestBatch, SendOptions } from '@slokit/core';
import { ConfigError } from '@slokit/core';
import { z } from 'zod';
import type { ChannelFactoryOptions } from '../channel-factory.js';
import { channelSecrets } from '../http/redact-secrets.js';
import { httpUrlSchema, scheduleSchema, timeoutMs, timeoutSchema } from '../settings/common-settings.js';
import { parseChannelSettings } from '../settings/parse-channel-settings.js';
import { renderDigestEmail } from './email-digest.js';
import { renderAlertEmail } from './email-message.js';
import { type CreateTransport, type MailMessage, smtpSender } from './smtp-sender.js';
import { parseSmtpUrl, type SmtpConnection, smtpServerName, smtpUrlProblem } from './smtp-url.js';

/** The SMTP timeouts (connect, greeting, idle socket) when `timeout` is not set. */
const defaultEmailTimeoutMs = 30_000;

const addressPattern = /^[^\s@<>",;]+@[^\s@<>",;]+$/;

/** `ml-team@example.com` or `ML team <ml-team@example.com>`. */
function isAddress(text: string): boolean {
  const named = /^[^<>]*<([^<>]+)>$/.exec(text.trim());
  return addressPattern.test(named ? named[1]!.trim() : text.trim());
}

const addressSchema = z.string().refine(isAddress, {
  message: 'expected an email address such as ml-team@example.com or "ML team <ml-team@example.com>"',
});

export const emailChannelSettingsSchema = z.strictObject({
  type: z.literal('email').optional(),
  /** `smtp://user:password@host:587` or `smtps://...:465`; default: the SMTP_URL environment variable. */
  smtp: z
    .string()
    .superRefine((text, context) => {
      const problem = smtpUrlProblem(text);
      if (problem) context.addIssue({ code: 'custom', message: problem });
    })
    .optional(),
  /** Default: `slokit <user>` when the SMTP user is an address, else `slokit@<smtp host>`. */
  from: addressSchema.optional(),
  to: z.union([addressSchema, z.array(addressSchema).min(1, 'expected at least one address')]),
  /** Starts every subject; default `[slokit]`; `''` for none. */
  subjectPrefix: z.string().max(60).optional(),
  /** `daily`: no single alerts; the report of each UTC day instead (with `slokit test-channel` still sending). */
  schedule: scheduleSchema.optional(),
  /** Linked from every message. */
  dashboardUrl: httpUrlSchema.optional(),
  /** Connect, greeting and idle-socket timeout of the SMTP conversation; default 30s. */
  timeout: timeoutSchema.optional(),
});

export type EmailChannelSettings = z.input<typeof emailChannelSettingsSchema>;

export interface EmailChannelOptions extends ChannelFactoryOptions {
  /** Injectable for tests; by default nodemailer's, imported on first send. */
  createTransport?: CreateTransport;
}

/** The sender when `from` is not set. */
function defaultFrom(connection: SmtpConnection): string {
  const user = connection.auth?.user;
  if (user && addressPattern.test(user)) return `slokit <${user}>`;
  return `slokit <slokit@${connection.host}>`;
}

function addressDomain(from: string): string {
  const address = /<([^<>]+)>/.exec(from)?.[1] ?? from;
  return address.split('@')[1]?.trim() || 'slokit.invalid';
}

/** The SMTP server of the settings, else of SMTP_URL; a ConfigError naming `channels.<name>.smtp` otherwise. */
function smtpConnection(
  name: string,
  smtp: string | undefined,
  configFile: string | undefined,
): SmtpConnection {
  if (smtp === undefined || smtp === '') {
    throw new ConfigError(configFile, [
      {
        path: `channels.${name}.smtp`,
        message:
          'missing: set smtp to an SMTP URL (smtp://user:password@host:587) or the SMTP_URL environment variable',
      },
    ]);
  }
  const connection = parseSmtpUrl(smtp);
  if (typeof connection === 'string') {
    throw new ConfigError(configFile, [
      { path: `channels.${name}.smtp`, message: `SMTP_URL: ${connection}` },
    ]);
  }
  return connection;
}

/** The envelope of every message of the channel: sender, recipients, a Message-ID from the batch id, headers. */
function mailEnvelope(
  name: string,
  from: string,
  to: string[],
): (id: string, content: { subject: string; text: string; html: string }) => MailMessage {
  return (id, content) => ({
    from,
    to,
    subject: content.subject,
    text: content.text,
    html: content.html,
    messageId: `<slokit.${id}@${addressDomain(from)}>`,
    headers: {
      // RFC 3834: an automatic message; out-of-office replies should not answer it.
      'Auto-Submitted': 'auto-generated',
      'X-Slokit-Channel': name,
      'X-Slokit-Message': id,
    },
  });
}

/**
 * Email through an SMTP server with nodemailer (loaded on first send): each batch of alert events is one message
 * with a plain-text and an HTML part (a summary table like the dashboard, then each event in detail), or, with
 * `schedule: daily`, one report of the day instead (the dashboard attached as HTML). The Message-ID derives from
 * the batch id, so a retried batch is the same message to the receiving side.
 */
export function createEmailChannel(
  name: string,
  settings: EmailChannelSettings,
  options: EmailChannelOptions = {},
): ChannelV1 {
  const parsed = parseChannelSettings(emailChannelSettingsSchema, name, settings, options.configFile);
  const smtp = parsed.smtp ?? (options.env ?? process.env).SMTP_URL;
  const connection = smtpConnection(name, smtp, options.configFile);
  const secrets = channelSecrets({ ...parsed, smtp });
  if (connection.auth?.pass) secrets.push(connection.auth.pass);
  const deliver = smtpSender({
    channel: name,
    connection,
    server: smtpServerName(connection),
    timeoutMs: parsed.timeout === undefined ? defaultEmailTimeoutMs : timeoutMs(parsed.timeout),
    secrets,
    ...(options.createTransport ? { createTransport: options.createTransport } : {}),
  });
  const message = mailEnvelope(name, parsed.from ?? defaultFrom(connection), [parsed.to].flat());
  const render = {
    subjectPrefix: parsed.subjectPrefix ?? '[slokit]',
    ...(parsed.dashboardUrl ? { dashboardUrl: parsed.dashboardUrl } : {}),
  };
  return {
    specificationVersion: 'v1',
    name,
    type: 'email',
    async send(batch: AlertBatch, sendOptions?: SendOptions) {
      // A digest channel reports the day instead; its events reach it through the report.
      if (parsed.schedule && !batch.test) return;
      if (batch.events.length === 0 && !batch.test) return;
      await deliver(message(batch.id, renderAlertEmail(batch, render)), sendOptions?.signal);
    },
    async sendDigest(digest: DigestBatch, sendOptions?: SendOptions) {
      const content = renderDigestEmail(digest, render);
      const attachments = [{ ...content.attachment, contentDisposition: 'attachment' as const }];
      await deliver({ ...message(digest.id, content), attachments }, sendOptions?.signal);
    },
  };
}

export { smtpError } from './smtp-error.js';
export type { MailTransport } from './smtp-sender.js';
