import { InputError } from '../errors/input-error.js';
import type { EvalRecord } from '../record/eval-record.js';
import { normalizeRecord } from '../record/normalize-record.js';
import type { EvalSourceV1, EvalSummary, RecordBatch, RecordIssue } from './eval-source.js';
import { timeWindowFilter } from './time-window.js';

interface Normalized {
  /** 1-based position in the input: the cursor and the "line" of an issue. */
  position: number;
  record?: EvalRecord;
  time: number;
  issue?: RecordIssue;
}

/**
 * A source over records already in memory: the results of an eval run in code, or test data. Records are
 * normalized like a file's (once: an array that grows later is normalized only in its new part); invalid ones are
 * reported as issues with their position as the line. When every record has a time in order, reads of a window
 * seek to it instead of scanning, so replays over long histories stay fast.
 */
export function createMemorySource(
  name: string,
  records: Iterable<unknown>,
  options: { summary?: EvalSummary; batchSize?: number } = {},
): EvalSourceV1 {
  const batchSize = options.batchSize ?? 2048;
  const cache: Normalized[] = [];
  let sorted = true;
  const normalizeNew = (): Normalized[] => {
    if (!Array.isArray(records)) return normalizeAll(name, records);
    for (let index = cache.length; index < records.length; index++) {
      const entry = normalizeOne(name, records[index], index + 1);
      const previous = cache[cache.length - 1];
      if (Number.isNaN(entry.time) || (previous !== undefined && !(entry.time >= previous.time)))
        sorted = false;
      cache.push(entry);
    }
    return cache;
  };

  const source: EvalSourceV1 = {
    specificationVersion: 'v1',
    name,
    type: 'memory',
    async *readRecords(readOptions = {}) {
      const entries = normalizeNew();
      const inWindow = timeWindowFilter(readOptions);
      const resumeAfter = readOptions.cursor === undefined ? 0 : parseCursor(readOptions.cursor);
      let first = resumeAfter;
      if (sorted && Array.isArray(records) && readOptions.since !== undefined) {
        first = Math.max(first, firstAfter(entries, readOptions.since.getTime()));
      }
      const until = readOptions.until?.getTime();
      let batch: RecordBatch = { records: [], times: [], issues: [] };
      for (let index = first; index < entries.length; index++) {
        const entry = entries[index]!;
        if (sorted && until !== undefined && entry.time > until) break;
        readOptions.signal?.throwIfAborted();
        if (entry.issue) batch.issues.push(entry.issue);
        else if (entry.record && inWindow(entry.time)) {
          batch.records.push({ ...entry.record, source: name });
          batch.times.push(entry.time);
        }
        if (batch.records.length >= batchSize) {
          batch.cursor = String(entry.position);
          yield batch;
          batch = { records: [], times: [], issues: [] };
        }
      }
      if (batch.records.length > 0 || batch.issues.length > 0) {
        batch.cursor = String(entries.at(-1)?.position ?? 0);
        yield batch;
      }
    },
  };
  if (options.summary) {
    const summary = options.summary;
    source.readEvalSummary = async () => summary;
  }
  return source;
}

function normalizeOne(name: string, raw: unknown, position: number): Normalized {
  const normalized = normalizeRecord(raw);
  if ('problem' in normalized) {
    return {
      position,
      time: Number.NaN,
      issue: { source: name, location: `records of ${name}`, line: position, message: normalized.problem },
    };
  }
  return { position, record: normalized.record, time: normalized.time };
}

function normalizeAll(name: string, records: Iterable<unknown>): Normalized[] {
  const entries: Normalized[] = [];
  let position = 0;
  for (const raw of records) entries.push(normalizeOne(name, raw, ++position));
  return entries;
}

/** Index of the first entry with time > since, in entries sorted by time. */
function firstAfter(entries: Normalized[], since: number): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (entries[middle]!.time > since) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** A memory source's cursor is the count of input items already read. */
function parseCursor(cursor: string): number {
  const count = Number(cursor);
  if (!Number.isInteger(count) || count < 0) {
    throw new InputError('cursor', undefined, `expected a record count, found ${JSON.stringify(cursor)}`);
  }
  return count;
}
