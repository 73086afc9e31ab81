import type { AlertBatch, ChannelV1, DigestBatch, SendOptions } from '@slokit/core';
import { ChannelError, ConfigError } from '@slokit/core';
import { z } from 'zod';
import type { ChannelFactoryOptions } from '../channel-factory.js';
import { channelSecrets, redactSecrets } from '../http/redact-secrets.js';
import { httpUrlSchema, scheduleSchema, timeoutMs, timeoutSchema } from '../settings/common-settings.js';
import { parseChannelSettings } from '../settings/parse-channel-settings.js';
import { renderDigestEmail } from './email-digest.js';
import { renderAlertEmail } from './email-message.js';
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

/** A message as nodemailer's `sendMail` takes it (the fields this channel sets). */
interface MailMessage {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: Record<string, string>;
  attachments?: Array<{
    filename: string;
    content: string;
    contentType: string;
    contentDisposition: 'attachment';
  }>;
}

/** The part of a nodemailer transport the channel uses; its own type, so @types/nodemailer stays a dev dependency. */
export interface MailTransport {
  sendMail(message: MailMessage): Promise<unknown>;
  close(): void;
}

type CreateTransport = (options: Record<string, unknown>) => MailTransport;

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
  const env = options.env ?? process.env;
  const smtp = parsed.smtp ?? env.SMTP_URL;
  if (smtp === undefined || smtp === '') {
    throw new ConfigError(options.configFile, [
      {
        path: `channels.${name}.smtp`,
        message:
          'missing: set smtp to an SMTP URL (smtp://user:password@host:587) or the SMTP_URL environment variable',
      },
    ]);
  }
  const connection = parseSmtpUrl(smtp);
  if (typeof connection === 'string') {
    throw new ConfigError(options.configFile, [
      { path: `channels.${name}.smtp`, message: `SMTP_URL: ${connection}` },
    ]);
  }
  const secrets = channelSecrets({ ...parsed, smtp });
  if (connection.auth?.pass) secrets.push(connection.auth.pass);
  const server = smtpServerName(connection);
  const from = parsed.from ?? defaultFrom(connection);
  const to = Array.isArray(parsed.to) ? parsed.to : [parsed.to];
  const timeout = parsed.timeout === undefined ? defaultEmailTimeoutMs : timeoutMs(parsed.timeout);
  const render = {
    subjectPrefix: parsed.subjectPrefix ?? '[slokit]',
    ...(parsed.dashboardUrl ? { dashboardUrl: parsed.dashboardUrl } : {}),
  };
  let createTransport = options.createTransport;

  const deliver = async (mail: MailMessage, sendOptions: SendOptions | undefined) => {
    const signal = sendOptions?.signal;
    signal?.throwIfAborted();
    if (!createTransport) {
      const nodemailer = await import('nodemailer');
      createTransport = (transportOptions) =>
        (nodemailer.default ?? nodemailer).createTransport(transportOptions as never) as MailTransport;
    }
    const transporter = createTransport({
      host: connection.host,
      port: connection.port,
      secure: connection.secure,
      ...(connection.auth ? { auth: connection.auth } : {}),
      ...(connection.requireTLS === undefined ? {} : { requireTLS: connection.requireTLS }),
      ...(connection.ignoreTLS === undefined ? {} : { ignoreTLS: connection.ignoreTLS }),
      ...(connection.name === undefined ? {} : { name: connection.name }),
      ...(connection.authMethod === undefined ? {} : { authMethod: connection.authMethod }),
      ...(connection.tls ? { tls: connection.tls } : {}),
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
      dnsTimeout: timeout,
      // Messages are built from data: never let an attachment or image read a local file or fetch a URL.
      disableFileAccess: true,
      disableUrlAccess: true,
    });
    let timer: NodeJS.Timeout | undefined;
    let abandoned = false;
    let abort = () => {};
    try {
      // The socket timeouts bound each step; this bounds the whole conversation (a server that answers slowly).
      // Closing the transport does not settle a send still waiting for the greeting: both reject on their own.
      const deadline = new Promise<never>((_, reject) => {
        abort = () => {
          abandoned = true;
          transporter.close();
          reject(signal?.reason);
        };
        signal?.addEventListener('abort', abort, { once: true });
        timer = setTimeout(() => {
          abandoned = true;
          transporter.close();
          reject(
            new ChannelError(
              name,
              `the SMTP server ${server} did not take the message within ${formatSeconds(timeout * 3)} (timeout)`,
              { retryable: true },
            ),
          );
        }, timeout * 3);
      });
      await Promise.race([transporter.sendMail(mail), deadline]);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (error instanceof ChannelError) throw error;
      throw smtpError(name, server, error, secrets, { timeoutMs: timeout, abandoned });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
      transporter.close();
    }
  };

  const message = (id: string, content: { subject: string; text: string; html: string }): MailMessage => ({
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

  return {
    specificationVersion: 'v1',
    name,
    type: 'email',
    async send(batch: AlertBatch, sendOptions?: SendOptions) {
      // A digest channel reports the day instead; its events reach it through the report.
      if (parsed.schedule && !batch.test) return;
      if (batch.events.length === 0 && !batch.test) return;
      await deliver(message(batch.id, renderAlertEmail(batch, render)), sendOptions);
    },
    async sendDigest(digest: DigestBatch, sendOptions?: SendOptions) {
      const content = renderDigestEmail(digest, render);
      await deliver(
        {
          ...message(digest.id, content),
          attachments: [{ ...content.attachment, contentDisposition: 'attachment' }],
        },
        sendOptions,
      );
    },
  };
}

interface SmtpFailure {
  code?: unknown;
  responseCode?: unknown;
  response?: unknown;
  message?: unknown;
}

/**
 * What an SMTP failure means for delivery: 4xx replies (the server defers: greylisting, rate limits, a full
 * mailbox) and failures to connect are retried; 5xx replies (rejected login, sender or recipients) are not: a
 * retry would get the same answer. Messages name the server (host and port), never the user or the password.
 */
export function smtpError(
  channel: string,
  server: string,
  error: unknown,
  secrets: readonly string[],
  context: { timeoutMs?: number; abandoned?: boolean } = {},
): ChannelError {
  const failure = (error ?? {}) as SmtpFailure;
  const code = typeof failure.code === 'string' ? failure.code : undefined;
  const responseCode = typeof failure.responseCode === 'number' ? failure.responseCode : undefined;
  const reply =
    typeof failure.response === 'string'
      ? failure.response
      : typeof failure.message === 'string'
        ? failure.message
        : String(error);
  const detail = redactSecrets(reply.split('\n')[0]!.trim(), secrets).slice(0, 200);
  if (responseCode !== undefined && responseCode >= 400 && responseCode < 500) {
    return new ChannelError(
      channel,
      `the SMTP server ${server} deferred the message (${detail}); will retry`,
      {
        retryable: true,
      },
    );
  }
  if (code === 'EAUTH' || responseCode === 535 || responseCode === 534 || responseCode === 530) {
    return new ChannelError(
      channel,
      `the SMTP server ${server} refused the login (${detail}); check the user and password in channels.${channel}.smtp`,
      { retryable: false },
    );
  }
  if (responseCode !== undefined && responseCode >= 500) {
    return new ChannelError(channel, `the SMTP server ${server} rejected the message (${detail})`, {
      retryable: false,
    });
  }
  if (code === 'ETIMEDOUT' || /timeout|greeting never received/i.test(detail)) {
    const within = context.timeoutMs === undefined ? 'in time' : `within ${formatSeconds(context.timeoutMs)}`;
    return new ChannelError(channel, `no answer from the SMTP server ${server} ${within} (timeout)`, {
      retryable: true,
    });
  }
  if (code === 'ETLS') {
    return new ChannelError(
      channel,
      `TLS with the SMTP server ${server} failed (${detail}); check the certificate or the smtp URL's TLS parameters`,
      { retryable: false },
    );
  }
  const network = /\b(ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|EPIPE)\b/.exec(
    detail,
  )?.[1];
  return new ChannelError(
    channel,
    `could not deliver through the SMTP server ${server} (${network ?? code ?? (context.abandoned ? 'closed' : 'error')}: ${detail})`,
    { retryable: true },
  );
}

function formatSeconds(ms: number): string {
  return ms < 1000 ? `${ms}ms` : `${Number((ms / 1000).toFixed(1))}s`;
}
