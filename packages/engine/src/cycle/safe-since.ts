import { type ResolvedConfig, SlokitError, type StateStore } from '@slokit/core/internal';

const day = 86_400_000;

/**
 * `--since` may not reach before the seen ids the state keeps: records between would be counted a second time. The
 * ids are kept back to a day before the overlap of the oldest watermark, as of each source's last cycle.
 */
export async function assertSafeSince(config: ResolvedConfig, store: StateStore, since: Date): Promise<void> {
  const cursors = await Promise.all(Object.keys(config.sources).map((name) => store.getCursor(name)));
  const synced = cursors.filter((cursor) => cursor !== undefined && cursor !== null);
  if (synced.length === 0) return;
  const watermarks = synced
    .map((cursor) => cursor!.watermark)
    .filter((mark): mark is number => mark !== null);
  const lastCycle = Math.min(...synced.map((cursor) => cursor!.updatedAt));
  const safe = Math.min(lastCycle, ...watermarks) - config.sync.overlapMs - day;
  if (since.getTime() >= safe) return;
  throw new SlokitError(
    `--since ${since.toISOString()}: earlier than the record ids this state keeps (from ${new Date(safe).toISOString()}), ` +
      `so records before then could be counted twice. Use --since ${new Date(safe).toISOString()} or later, ` +
      'or --rebuild to rebuild the history from scratch.',
  );
}

/** Forgets every counted record id and history bucket, so the next pull rebuilds history from scratch. */
export async function clearHistory(store: StateStore): Promise<void> {
  const everything = Number.MAX_SAFE_INTEGER;
  await store.prune({
    seen: everything,
    buckets: everything,
    fineBuckets: everything,
    evaluations: Number.MIN_SAFE_INTEGER,
    alertEvents: Number.MIN_SAFE_INTEGER,
    outbox: Number.MIN_SAFE_INTEGER,
  });
}
