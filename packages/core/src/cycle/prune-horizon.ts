import type { ResolvedConfig } from '../config/resolved-config.js';

const day = 86_400_000;

/**
 * What history keeps: seen ids a day past the overlap of the oldest source watermark (each cycle re-reads the
 * overlap before its source's watermark, however old that is, so those ids must stay to count each record once),
 * 5-minute buckets for two days (rollups answer older windows), rollups a day past the longest window, and 90 days
 * of evaluations and alert events for reports and reviews.
 */
export function pruneHorizon(config: ResolvedConfig, now: number, watermarks: Array<number | null> = []) {
  const longest = Math.max(day, ...config.slos.map((slo) => slo.windowMs ?? config.sync.backfillMs));
  const oldestWatermark = Math.min(now, ...watermarks.filter((mark): mark is number => mark !== null));
  return {
    seen: oldestWatermark - config.sync.overlapMs - day,
    buckets: now - longest - day,
    fineBuckets: now - 2 * day,
    evaluations: now - 90 * day,
    alertEvents: now - 90 * day,
    outbox: now - 7 * day,
  };
}
