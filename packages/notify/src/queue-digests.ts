import { createHash } from 'node:crypto';
import {
  buildHistoryReport,
  type DigestBatch,
  type OutboxRow,
  type ResolvedConfig,
  type StateStore,
} from '@slokit/core';
import { isDigestChannel } from './create-channel.js';

const dayMs = 86_400_000;

/**
 * Queues the daily report for every channel with `schedule: daily`: once the UTC day before `now` has ended, one
 * outbox row per channel whose payload is a DigestBatch with the history report of that day. The row id derives from
 * the channel and the day, so calling this every sync queues each report once (the store keeps the first row of an
 * id). Resolves to the number of digest rows offered to the store (0 when no channel has a schedule).
 */
export async function queueDigests(options: {
  store: StateStore;
  config: ResolvedConfig;
  /** Epoch ms; the period is the UTC day before the one `now` falls in. */
  now: number;
}): Promise<number> {
  const { store, config } = options;
  const channels = Object.keys(config.channels).filter((name) => isDigestChannel(config, name));
  if (channels.length === 0) return 0;
  const to = Math.floor(options.now / dayMs) * dayMs;
  const from = to - dayMs;
  const report = await buildHistoryReport(config, store, { now: new Date(to), days: 1 });
  const rows: OutboxRow[] = channels.map((channel) => {
    const digest: DigestBatch = {
      id: digestId(channel, from),
      channel,
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      report,
    };
    return {
      id: digest.id,
      channel,
      payload: JSON.stringify(digest),
      createdAt: to,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: to,
      lastError: null,
    };
  });
  await store.commit({ outbox: rows });
  return rows.length;
}

/** `digest-2026-11-25-<hash of the channel>`: stable per channel and day, without dots (a Standard Webhooks id). */
export function digestId(channel: string, from: number): string {
  const hash = createHash('sha256').update(`${channel}\u0000${from}`).digest('hex').slice(0, 12);
  return `digest-${new Date(from).toISOString().slice(0, 10)}-${hash}`;
}
