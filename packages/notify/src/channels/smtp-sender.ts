import { ChannelError } from '@slokit/core';
import { maxTimerMs } from '../settings/common-settings.js';
import { formatSeconds, smtpError } from './smtp-error.js';
import type { SmtpConnection } from './smtp-url.js';

/** A message as nodemailer's `sendMail` takes it (the fields the email channel sets). */
export interface MailMessage {
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

export type CreateTransport = (options: Record<string, unknown>) => MailTransport;

export interface SmtpSenderOptions {
  /** The configured channel name, for errors. */
  channel: string;
  connection: SmtpConnection;
  /** `host:port`, the only part of the server errors name. */
  server: string;
  /** Connect, greeting and idle-socket timeout; the whole conversation gets three times as long. */
  timeoutMs: number;
  secrets: readonly string[];
  /** Injectable for tests; by default nodemailer's, imported on first send. */
  createTransport?: CreateTransport;
}

/**
 * Sends one message per call through a fresh SMTP connection, bounded in time, and turns every way it can fail
 * into a ChannelError naming the server (host and port), never the user or the password.
 */
export function smtpSender(
  options: SmtpSenderOptions,
): (mail: MailMessage, signal?: AbortSignal) => Promise<void> {
  let createTransport = options.createTransport;
  return async (mail, signal) => {
    signal?.throwIfAborted();
    createTransport ??= await nodemailerTransport();
    const transporter = createTransport(transportOptions(options.connection, options.timeoutMs));
    const deadline = conversationDeadline(options, transporter, signal);
    try {
      await Promise.race([transporter.sendMail(mail), deadline.promise]);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (error instanceof ChannelError) throw error;
      throw smtpError(options.channel, options.server, error, options.secrets, {
        timeoutMs: options.timeoutMs,
        abandoned: deadline.abandoned(),
      });
    } finally {
      deadline.clear();
      transporter.close();
    }
  };
}

async function nodemailerTransport(): Promise<CreateTransport> {
  const nodemailer = await import('nodemailer');
  return (transportOptions) =>
    (nodemailer.default ?? nodemailer).createTransport(transportOptions as never) as MailTransport;
}

function transportOptions(connection: SmtpConnection, timeoutMs: number): Record<string, unknown> {
  return {
    host: connection.host,
    port: connection.port,
    secure: connection.secure,
    ...(connection.auth ? { auth: connection.auth } : {}),
    ...(connection.requireTLS === undefined ? {} : { requireTLS: connection.requireTLS }),
    ...(connection.ignoreTLS === undefined ? {} : { ignoreTLS: connection.ignoreTLS }),
    ...(connection.name === undefined ? {} : { name: connection.name }),
    ...(connection.authMethod === undefined ? {} : { authMethod: connection.authMethod }),
    ...(connection.tls ? { tls: connection.tls } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    dnsTimeout: timeoutMs,
    // Messages are built from data: never let an attachment or image read a local file or fetch a URL.
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

/**
 * The socket timeouts bound each step; this bounds the whole conversation (a server that answers slowly), and
 * stops it when the caller aborts. Closing the transport does not settle a send still waiting for the greeting:
 * the returned promise rejects on its own.
 */
function conversationDeadline(
  options: SmtpSenderOptions,
  transporter: MailTransport,
  signal: AbortSignal | undefined,
): { promise: Promise<never>; abandoned: () => boolean; clear: () => void } {
  const limitMs = Math.min(options.timeoutMs * 3, maxTimerMs);
  let timer: NodeJS.Timeout | undefined;
  let abandoned = false;
  let abort = () => {};
  const promise = new Promise<never>((_, reject) => {
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
          options.channel,
          `the SMTP server ${options.server} did not take the message within ${formatSeconds(limitMs)} (timeout)`,
          { retryable: true },
        ),
      );
    }, limitMs);
  });
  return {
    promise,
    abandoned: () => abandoned,
    clear: () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
    },
  };
}
