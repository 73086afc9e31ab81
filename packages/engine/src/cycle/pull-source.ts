import {
  bucketStartOf,
  type EvalRecord,
  type EvalSource,
  type EvalSummary,
  fnv1a,
  type ResolvedSlo,
  type SloFold,
  type SourceCursor,
  type SyncSourceResult,
  type WorstExamples,
} from '@slokit/core/internal';
import type { SyncOptions } from './sync-options.js';

const seenChunk = 5000;

/** One record-based SLO's share of a pull: its new records in 5-minute buckets, and its worst examples. */
export interface SloDelta {
  slo: ResolvedSlo;
  fold: SloFold | undefined;
  worst: WorstExamples;
}

/** What a pull brought: counted records' ids, the new cursor, the eval summary. */
export interface PulledSource {
  seen: Array<{ source: string; id: string; time: number }>;
  cursor: SourceCursor;
  summary: EvalSummary | undefined;
}

/**
 * Pulls a source incrementally: from its watermark minus the overlap (or `since`, or the backfill on the first sync)
 * to now, drops records already counted (by id, or a hash of the record when it has none), and folds the new ones
 * into each SLO's 5-minute buckets.
 */
export async function pullSource(
  source: EvalSource,
  deltas: SloDelta[],
  result: SyncSourceResult,
  options: Omit<SyncOptions, 'now'> & { now: number },
): Promise<PulledSource> {
  const { config, store, now } = options;
  const cursor = await store.getCursor(source.name);
  const longest = Math.max(...deltas.map(({ slo }) => slo.windowMs ?? config.sync.backfillMs));
  const since =
    options.since?.getTime() ??
    (cursor?.watermark != null && !options.rebuild
      ? cursor.watermark - config.sync.overlapMs
      : now - Math.min(longest, config.sync.backfillMs));
  result.since = new Date(since).toISOString();
  result.until = new Date(now).toISOString();
  const pulled: PulledSource = {
    seen: [],
    cursor: {
      source: source.name,
      cursor: cursor?.cursor ?? null,
      watermark: cursor?.watermark ?? null,
      updatedAt: now,
    },
    summary: undefined,
  };
  if (deltas.some((delta) => delta.fold))
    await readNewRecords(source, deltas, result, pulled, { ...options, since });
  if (deltas.some((delta) => !delta.fold) && source.readEvalSummary) {
    pulled.summary = await source.readEvalSummary(options.signal ? { signal: options.signal } : {});
  }
  return pulled;
}

async function readNewRecords(
  source: EvalSource,
  deltas: SloDelta[],
  result: SyncSourceResult,
  pulled: PulledSource,
  options: Omit<SyncOptions, 'now' | 'since'> & { now: number; since: number },
): Promise<void> {
  const seenThisCycle = new Set<string>();
  const readOptions = {
    since: new Date(options.since),
    until: new Date(options.now),
    ...(options.signal ? { signal: options.signal } : {}),
  };
  for await (const batch of source.readRecords(readOptions)) {
    result.skipped += batch.issues.length;
    if (batch.cursor !== undefined) pulled.cursor.cursor = batch.cursor;
    const ids = batch.records.map(
      (record, index) => record.id ?? `h:${fnv1a(`${batch.times[index]}|${JSON.stringify(record)}`)}`,
    );
    const seen = await seenBefore(options, source.name, ids);
    batch.records.forEach((record, index) => {
      result.read++;
      const id = ids[index]!;
      const time = batch.times[index]!;
      if (seen.has(id) || seenThisCycle.has(id)) {
        result.duplicates++;
        return;
      }
      if (Number.isNaN(time)) {
        result.skipped++;
        return;
      }
      seenThisCycle.add(id);
      result.counted++;
      pulled.seen.push({ source: source.name, id, time });
      if (pulled.cursor.watermark === null || time > pulled.cursor.watermark) pulled.cursor.watermark = time;
      foldRecord(deltas, record, bucketStartOf(time));
    });
    options.onProgress?.({ source: source.name, records: result.read });
  }
}

async function seenBefore(
  options: Pick<SyncOptions, 'store'>,
  source: string,
  ids: string[],
): Promise<Set<string>> {
  const seen = new Set<string>();
  for (let offset = 0; offset < ids.length; offset += seenChunk) {
    for (const id of await options.store.filterSeen(source, ids.slice(offset, offset + seenChunk)))
      seen.add(id);
  }
  return seen;
}

function foldRecord(deltas: SloDelta[], record: EvalRecord, start: number): void {
  for (const delta of deltas) {
    if (delta.fold?.add(record, start) === 'counted') delta.worst.consider(record);
  }
}
