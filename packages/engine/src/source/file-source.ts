import { access, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import type { FileSourceConfig } from '@slokit/core/internal';
import {
  ConfigError,
  type EvalSourceV1,
  InputError,
  normalizeRecord,
  type RecordBatch,
  SlokitError,
  SourceError,
  timeWindowFilter,
} from '@slokit/core/internal';
import { holdsEvalResults } from './eval-summary-file.js';
import type { FileRow } from './file-row.js';
import { readCsvRows } from './read-csv-rows.js';
import { readEvalSummary } from './read-eval-summary.js';
import { readJsonlRows } from './read-jsonl-rows.js';

const defaultBatchSize = 2048;
/** Longer JSONL lines (CSV records) are skipped and reported instead of filling memory. */
const defaultMaxLineBytes = 16 * 1024 * 1024;

/**
 * The `file` source: records from a JSONL or CSV export, and an optional JSON eval summary. A `.json` `path` that
 * holds one document with a `metrics` object (an eval run's results) is the source's eval summary instead.
 * Throws a ConfigError (exit 2) when a configured file does not exist.
 */
export async function createFileSource(
  name: string,
  config: FileSourceConfig,
  options: { baseDir: string; configFile?: string; batchSize?: number },
): Promise<EvalSourceV1> {
  const { recordsPath, summaryPath } = await locateFiles(name, config, options);
  const batchSize = options.batchSize ?? defaultBatchSize;
  const maxLineBytes = config.maxLineBytes ?? defaultMaxLineBytes;
  const format = config.format ?? (recordsPath?.toLowerCase().endsWith('.csv') ? 'csv' : 'jsonl');

  const source: EvalSourceV1 = {
    specificationVersion: 'v1',
    name,
    type: 'file',
    async *readRecords(readOptions = {}) {
      if (recordsPath === undefined) return;
      const rows =
        format === 'csv' ? readCsvRows(recordsPath, maxLineBytes) : readJsonlRows(recordsPath, maxLineBytes);
      const resumeAfterLine =
        readOptions.cursor === undefined ? 0 : parseLineCursor(readOptions.cursor, recordsPath);
      const builder = new BatchBuilder(name, recordsPath, timeWindowFilter(readOptions));
      try {
        await refuseEndlessFile(recordsPath);
        // One batch of rows at a time: a generator step per row would cost more than parsing the row.
        for await (const rowBatch of rows) {
          readOptions.signal?.throwIfAborted();
          for (const row of rowBatch) {
            if (row.line <= resumeAfterLine) continue;
            builder.add(row);
            if (builder.size >= batchSize) {
              yield builder.take();
              readOptions.signal?.throwIfAborted();
            }
          }
        }
      } catch (error) {
        if (SlokitError.isInstance(error) || (error as Error).name === 'AbortError') throw error;
        throw new SourceError(name, `cannot read ${recordsPath}: ${(error as Error).message}`, {
          cause: error,
        });
      }
      if (builder.size > 0 || builder.hasIssues) yield builder.take();
    },
  };
  if (summaryPath !== undefined) {
    source.readEvalSummary = () => readEvalSummary(summaryPath);
  }
  return source;
}

/** The absolute paths of the records and of the eval summary, each checked to exist. */
async function locateFiles(
  name: string,
  config: FileSourceConfig,
  options: { baseDir: string; configFile?: string },
): Promise<{ recordsPath: string | undefined; summaryPath: string | undefined }> {
  const path = config.path === undefined ? undefined : resolvePath(options.baseDir, config.path);
  const summary = config.summary === undefined ? undefined : resolvePath(options.baseDir, config.summary);
  for (const [key, file] of [
    ['path', path],
    ['summary', summary],
  ] as const) {
    if (file === undefined) continue;
    try {
      await access(file);
    } catch {
      throw new ConfigError(options.configFile, [
        { path: `sources.${name}.${key}`, message: `file not found: ${file}` },
      ]);
    }
  }
  if (path === undefined || config.format !== undefined || !(await holdsEvalResults(path))) {
    return { recordsPath: path, summaryPath: summary };
  }
  if (summary !== undefined) {
    throw new ConfigError(options.configFile, [
      {
        path: `sources.${name}.summary`,
        message: `\`path\` (${config.path}) already holds an eval summary ({"metrics": ...}): keep one of the two`,
      },
    ]);
  }
  return { recordsPath: undefined, summaryPath: path };
}

class BatchBuilder {
  private batch: RecordBatch = { records: [], times: [], issues: [] };

  private lastLine = 0;

  constructor(
    private readonly source: string,
    private readonly location: string,
    private readonly inWindow: (time: number) => boolean,
  ) {}

  get size(): number {
    return this.batch.records.length;
  }

  get hasIssues(): boolean {
    return this.batch.issues.length > 0;
  }

  add(row: FileRow): void {
    this.lastLine = row.line;
    if (row.problem !== undefined) {
      this.batch.issues.push({
        source: this.source,
        location: this.location,
        line: row.line,
        message: row.problem,
      });
      return;
    }
    const normalized = normalizeRecord(row.value);
    if ('problem' in normalized) {
      this.batch.issues.push({
        source: this.source,
        location: this.location,
        line: row.line,
        message: normalized.problem,
      });
      return;
    }
    if (!this.inWindow(normalized.time)) return;
    normalized.record.source = this.source;
    this.batch.records.push(normalized.record);
    this.batch.times.push(normalized.time);
  }

  /** The batch so far; its cursor is the last line read, so a resumed read starts on the next line. */
  take(): RecordBatch {
    const batch = this.batch;
    batch.cursor = `line:${this.lastLine}`;
    this.batch = { records: [], times: [], issues: [] };
    return batch;
  }
}

function parseLineCursor(cursor: string, location: string): number {
  const match = /^line:(\d+)$/.exec(cursor);
  if (!match)
    throw new InputError(
      location,
      undefined,
      `expected a cursor such as line:120, found ${JSON.stringify(cursor)}`,
    );
  return Number(match[1]);
}

function resolvePath(baseDir: string, path: string): string {
  return isAbsolute(path) ? path : resolve(baseDir, path);
}

/**
 * A device (`/dev/zero`, `/dev/urandom`) never ends: reading it as records would spin forever. Regular files, pipes
 * (`/dev/stdin`, process substitution) and directories (which fail with EISDIR) go on to be read.
 */
async function refuseEndlessFile(path: string): Promise<void> {
  const stats = await stat(path);
  if (stats.isCharacterDevice() || stats.isBlockDevice() || stats.isSocket()) {
    throw new Error('not a regular file or pipe');
  }
}
