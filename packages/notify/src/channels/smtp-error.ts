import { ChannelError } from '@slokit/core';
import { redactSecrets } from '../http/redact-secrets.js';

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

export function formatSeconds(ms: number): string {
  return ms < 1000 ? `${ms}ms` : `${Number((ms / 1000).toFixed(1))}s`;
}
