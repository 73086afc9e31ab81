import {
  type AlertBatch,
  type ChannelV1,
  type DigestBatch,
  type OutboxRow,
  type ResolvedConfig,
  retryWithBackoff,
  SlokitError,
  type StateStore,
} from '@slokit/core';
import { type CreateChannelOptions, createChannel, isDigestChannel } from './create-channel.js';
import { channelSecrets, environmentSecrets, redactSecrets } from './http/redact-secrets.js';

export interface DeliverOutboxOptions {
  store: StateStore;
  config: ResolvedConfig;
  env?: Record<string, string | undefined>;
  /** The clock of the outbox (due rows, next attempts); default Date.now. */
  now?: () => number;
  signal?: AbortSignal;
  /** Prebuilt channels by name, used instead of building them from the config (tests, embedding). */
  channels?: Record<string, ChannelV1>;
  /** Retries of a retryable failure within this call, before the row waits for the next sync. */
  retry?: { maxAttempts?: number; maxTotalMs?: number; initialDelayMs?: number; maxDelayMs?: number };
  /** Rows read at a time. Default 500. */
  pageSize?: number;
  /** Passed to createChannel: factories for other channel types, and fetch for tests. */
  factories?: CreateChannelOptions['factories'];
  fetch?: typeof globalThis.fetch;
  /** Injectable for tests: the waits between retries, and the jitter. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

export interface DeliveryReport {
  sent: Array<{ id: string; channel: string; events: number }>;
  failed: Array<{
    id: string;
    channel: string;
    error: string;
    attempts: number;
    nextAttemptAt: number | null;
    dead: boolean;
  }>;
  /** Rows not to send: single alerts routed to a channel with `schedule: daily` (it gets the daily report). */
  skipped: Array<{ id: string; channel: string; reason: string }>;
}

/** The longest a failed row waits before its next attempt. */
export const maxRetryDelayMs = 3_600_000;
const firstRetryDelayMs = 30_000;

type Payload = { kind: 'alerts'; batch: AlertBatch } | { kind: 'digest'; digest: DigestBatch };

/**
 * Sends what the outbox holds, at least once. Each channel's due rows go out in order, channels concurrently, so a
 * failing or hanging channel never delays another. A retryable failure (429, 5xx, timeout, refused connection) is
 * retried a few times within the call (exponential backoff with jitter, honouring Retry-After, a few seconds in
 * all), then the row stays `pending` with its attempts, the next attempt time (backoff capped at an hour) and the
 * reason, and the channel's later rows wait behind it so they arrive in order. 404/410 mark the row `dead` (the
 * endpoint is gone). A row is never given up on nor deleted; rows of a channel no longer configured are reported
 * and left as they are. Secrets come from the config at send time and never reach the store, errors or the report.
 */
export async function deliverOutbox(options: DeliverOutboxOptions): Promise<DeliveryReport> {
  const { store } = options;
  const now = options.now ?? Date.now;
  const pageSize = options.pageSize ?? 500;
  const report: DeliveryReport = { sent: [], failed: [], skipped: [] };
  const order = new Map<string, number>();
  const handled = new Set<string>();
  // Rows left due on purpose (their channel is gone): read past them on the next page.
  let leftDue = 0;
  // What a channel learnt on one page holds for the next: it is dead, or its rows wait behind a failed one.
  const channelStates = new Map<string, ChannelState>();
  for (;;) {
    options.signal?.throwIfAborted();
    const rows = (await store.getDueOutbox(now(), leftDue + pageSize)).filter((row) => !handled.has(row.id));
    if (rows.length === 0) break;
    const byChannel = new Map<string, OutboxRow[]>();
    for (const row of rows) {
      handled.add(row.id);
      order.set(row.id, order.size);
      const list = byChannel.get(row.channel) ?? [];
      list.push(row);
      byChannel.set(row.channel, list);
    }
    // Every channel runs to its end even when another throws (the store failed, the call was aborted).
    const results = await Promise.allSettled(
      [...byChannel].map(([channel, list]) => {
        const state = channelStates.get(channel) ?? {};
        channelStates.set(channel, state);
        return deliverChannel(channel, list, options, report, state);
      }),
    );
    const rejected = results.find((result) => result.status === 'rejected');
    if (rejected) throw rejected.reason;
    for (const result of results) if (result.status === 'fulfilled') leftDue += result.value;
    if (rows.length < pageSize) break;
  }
  const byOrder = (a: { id: string }, b: { id: string }) => order.get(a.id)! - order.get(b.id)!;
  report.sent.sort(byOrder);
  report.failed.sort(byOrder);
  report.skipped.sort(byOrder);
  return report;
}

interface ChannelState {
  channel?: ChannelV1;
  /** A retryable failure: the channel's later rows wait until then, to keep their order. */
  blockedUntil?: { at: number; reason: string };
  /** The endpoint is gone (404/410). */
  deadReason?: string;
}

/** Delivers one channel's rows in order; resolves to how many rows it left due (a channel no longer configured). */
async function deliverChannel(
  name: string,
  rows: OutboxRow[],
  options: DeliverOutboxOptions,
  report: DeliveryReport,
  state: ChannelState,
): Promise<number> {
  const { store, config } = options;
  const now = options.now ?? Date.now;
  const block = config.channels[name];
  const secrets = [...channelSecrets(block ?? {}), ...environmentSecrets(options.env ?? process.env)].sort(
    (a, b) => b.length - a.length,
  );
  const clean = (text: string) => redactSecrets(text, secrets);

  if (block === undefined && !options.channels?.[name]) {
    const error = `channel '${name}' is not in the config any more: its message is kept in the outbox and sent once a channel of that name is configured again`;
    for (const row of rows) {
      await store.updateOutbox({
        id: row.id,
        status: row.status,
        attempts: row.attempts,
        nextAttemptAt: row.nextAttemptAt,
        lastError: error,
      });
      report.failed.push({
        id: row.id,
        channel: name,
        error,
        attempts: row.attempts,
        nextAttemptAt: row.nextAttemptAt,
        dead: false,
      });
    }
    return rows.length;
  }

  const fail = async (row: OutboxRow, error: string, attempts: number, retryAfterMs = 0) => {
    const nextAttemptAt =
      now() + Math.min(maxRetryDelayMs, Math.max(retryDelay(attempts, options.random), retryAfterMs));
    await store.updateOutbox({ id: row.id, status: 'pending', attempts, nextAttemptAt, lastError: error });
    report.failed.push({ id: row.id, channel: name, error, attempts, nextAttemptAt, dead: false });
    return nextAttemptAt;
  };

  let channel: ChannelV1;
  try {
    channel =
      state.channel ??
      options.channels?.[name] ??
      (await createChannel(name, config, {
        ...(options.env ? { env: options.env } : {}),
        ...(options.factories ? { factories: options.factories } : {}),
        ...(options.fetch ? { fetch: options.fetch } : {}),
      }));
  } catch (error) {
    const message = clean(`channel '${name}' cannot be built: ${errorMessage(error)}`);
    for (const row of rows) await fail(row, message, row.attempts);
    return 0;
  }
  state.channel = channel;

  const digestChannel = isDigestChannel(config, name);
  for (const row of rows) {
    options.signal?.throwIfAborted();
    const payload = parsePayload(row.payload);
    if (payload === undefined) {
      await fail(row, `the outbox row ${row.id} does not hold a batch or a digest`, row.attempts);
      continue;
    }
    if (payload.kind === 'alerts' && digestChannel) {
      const reason = `channel '${name}' has schedule: daily: single alerts go into its daily report instead`;
      await store.updateOutbox({
        id: row.id,
        status: 'skipped',
        attempts: row.attempts,
        nextAttemptAt: row.nextAttemptAt,
        lastError: reason,
      });
      report.skipped.push({ id: row.id, channel: name, reason });
      continue;
    }
    if (payload.kind === 'digest' && !channel.sendDigest) {
      const reason = `a ${channel.type} channel does not send scheduled reports`;
      await store.updateOutbox({
        id: row.id,
        status: 'skipped',
        attempts: row.attempts,
        nextAttemptAt: row.nextAttemptAt,
        lastError: reason,
      });
      report.skipped.push({ id: row.id, channel: name, reason });
      continue;
    }
    if (state.deadReason !== undefined) {
      await markDead(row, state.deadReason, row.attempts);
      continue;
    }
    if (state.blockedUntil !== undefined) {
      // Keep the channel's order: this row goes when the failed one before it does.
      const error = `not sent yet: an earlier message to this channel is waiting to be retried (${state.blockedUntil.reason})`;
      await store.updateOutbox({
        id: row.id,
        status: 'pending',
        attempts: row.attempts,
        nextAttemptAt: state.blockedUntil.at,
        lastError: error,
      });
      report.failed.push({
        id: row.id,
        channel: name,
        error,
        attempts: row.attempts,
        nextAttemptAt: state.blockedUntil.at,
        dead: false,
      });
      continue;
    }

    let attempts = row.attempts;
    try {
      await retryWithBackoff(
        async () => {
          attempts++;
          if (payload.kind === 'alerts') await channel.send(payload.batch, sendOptions(options.signal));
          else await channel.sendDigest!(payload.digest, sendOptions(options.signal));
        },
        {
          classify: (error) =>
            isChannelFailure(error) && error.retryable
              ? { retry: true, retryAfterMs: error.retryAfterMs }
              : { retry: false },
          maxAttempts: options.retry?.maxAttempts ?? 3,
          initialDelayMs: options.retry?.initialDelayMs ?? 500,
          maxDelayMs: options.retry?.maxDelayMs ?? 2000,
          maxTotalMs: options.retry?.maxTotalMs ?? 5000,
          ...(options.signal ? { signal: options.signal } : {}),
          ...(options.sleep ? { sleep: options.sleep } : {}),
          ...(options.random ? { random: options.random } : {}),
        },
      );
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      const message = clean(errorMessage(error));
      if (isChannelFailure(error) && error.dead) {
        state.deadReason = message;
        await markDead(row, message, attempts);
        continue;
      }
      const retryable = isChannelFailure(error) && error.retryable;
      const at = await fail(row, message, attempts, isChannelFailure(error) ? (error.retryAfterMs ?? 0) : 0);
      // A rejected message (400) says nothing about the next one; an endpoint in trouble holds the rest back.
      if (retryable) state.blockedUntil = { at, reason: message };
      continue;
    }
    await store.updateOutbox({ id: row.id, status: 'sent', attempts, nextAttemptAt: now(), lastError: null });
    report.sent.push({
      id: row.id,
      channel: name,
      events: payload.kind === 'alerts' ? payload.batch.events.length : 0,
    });
  }
  return 0;

  async function markDead(row: OutboxRow, reason: string, attempts: number) {
    await store.updateOutbox({
      id: row.id,
      status: 'dead',
      attempts,
      nextAttemptAt: row.nextAttemptAt,
      lastError: reason,
    });
    report.failed.push({
      id: row.id,
      channel: name,
      error: reason,
      attempts,
      nextAttemptAt: null,
      dead: true,
    });
  }
}

/** The wait before the next attempt of a row that failed `attempts` times: 30 s doubling, jittered, at most an hour. */
export function retryDelay(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(maxRetryDelayMs, firstRetryDelayMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(base / 2 + (random() * base) / 2);
}

function parsePayload(text: string): Payload | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record.id !== 'string') return undefined;
  if (Array.isArray(record.events)) return { kind: 'alerts', batch: value as AlertBatch };
  if (typeof record.report === 'object' && record.report !== null)
    return { kind: 'digest', digest: value as DigestBatch };
  return undefined;
}

interface ChannelFailureLike {
  retryable: boolean;
  retryAfterMs: number | undefined;
  dead: boolean;
}

function isChannelFailure(error: unknown): error is Error & ChannelFailureLike {
  return SlokitError.isInstance(error) && typeof (error as { retryable?: unknown }).retryable === 'boolean';
}

function errorMessage(error: unknown): string {
  if (SlokitError.isInstance(error)) return error.message;
  return `unexpected error: ${(error as Error)?.message ?? String(error)}`;
}

function sendOptions(signal: AbortSignal | undefined) {
  return signal ? { signal } : {};
}
