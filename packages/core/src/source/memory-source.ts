import { InputError } from '../errors/input-error.js';
import type { EvalRecord } from '../record/eval-record.js';
import { normalizeRecord } from '../record/normalize-record.js';
import type { EvalSourceV1, EvalSummary, RecordBatch } from './eval-source.js';
import { timeWindowFilter } from './time-window.js';

/**
 * A source over records already in memory: the results of an eval run in code, or test data. Records are
 * normalized like a file's; invalid ones are reported as issues with their index as the line.
 */
export function createMemorySource(
  name: string,
  records: Iterable<unknown>,
  options: { summary?: EvalSummary; batchSize?: number } = {},
): EvalSourceV1 {
  const batchSize = options.batchSize ?? 2048;
  const source: EvalSourceV1 = {
    specificationVersion: 'v1',
    name,
    type: 'memory',
    async *readRecords(readOptions = {}) {
      const inWindow = timeWindowFilter(readOptions);
      const resumeAfter = readOptions.cursor === undefined ? 0 : parseCursor(readOptions.cursor);
      let batch: RecordBatch = { records: [], times: [], issues: [] };
      let index = 0;
      for (const raw of records) {
        index++;
        if (index <= resumeAfter) continue;
        readOptions.signal?.throwIfAborted();
        const normalized = normalizeRecord(raw);
        if ('problem' in normalized) {
          batch.issues.push({
            source: name,
            location: `records of ${name}`,
            line: index,
            message: normalized.problem,
          });
          continue;
        }
        if (!inWindow(normalized.time)) continue;
        const record: EvalRecord = { ...normalized.record, source: name };
        batch.records.push(record);
        batch.times.push(normalized.time);
        if (batch.records.length >= batchSize) {
          batch.cursor = String(index);
          yield batch;
          batch = { records: [], times: [], issues: [] };
        }
      }
      if (batch.records.length > 0 || batch.issues.length > 0) {
        batch.cursor = String(index);
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

/** A memory source's cursor is the count of input items already read. */
function parseCursor(cursor: string): number {
  const count = Number(cursor);
  if (!Number.isInteger(count) || count < 0)
    throw new InputError('cursor', undefined, `expected a record count, found ${JSON.stringify(cursor)}`);
  return count;
}
