import { createReadStream } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { ConfigError } from '../errors/config-error.js';
import { InputError } from '../errors/input-error.js';
import { SourceError } from '../errors/source-error.js';
import { normalizeRecord } from '../record/normalize-record.js';
import type { EvalSourceV1, EvalSummary, RecordBatch } from './eval-source.js';
import type { FileSourceConfig } from './file-source-config.js';
import { nestDottedKeys } from './nest-dotted-keys.js';

const batchSize = 2048;

/**
 * The `file` source: records from a JSONL or CSV export, and an optional JSON eval summary.
 * Throws a ConfigError (exit 2) when a configured file does not exist.
 */
export async function createFileSource(
  name: string,
  config: FileSourceConfig,
  options: { baseDir: string; configFile?: string },
): Promise<EvalSourceV1> {
  const recordsPath = config.path === undefined ? undefined : resolvePath(options.baseDir, config.path);
  const summaryPath = config.summary === undefined ? undefined : resolvePath(options.baseDir, config.summary);
  for (const [key, path] of [
    ['path', recordsPath],
    ['summary', summaryPath],
  ] as const) {
    if (path === undefined) continue;
    try {
      await access(path);
    } catch {
      throw new ConfigError(options.configFile, [
        { path: `sources.${name}.${key}`, message: `file not found: ${path}` },
      ]);
    }
  }
  const format = config.format ?? (recordsPath?.toLowerCase().endsWith('.csv') ? 'csv' : 'jsonl');

  const source: EvalSourceV1 = {
    specificationVersion: 'v1',
    name,
    type: 'file',
    async *readRecords(readOptions = {}) {
      if (recordsPath === undefined) return;
      const rows = format === 'csv' ? readCsvRows(recordsPath) : readJsonlRows(recordsPath);
      let batch = emptyBatch();
      try {
        for await (const row of rows) {
          readOptions.signal?.throwIfAborted();
          if ('problem' in row) {
            batch.issues.push({ source: name, location: recordsPath, line: row.line, message: row.problem });
            continue;
          }
          const normalized = normalizeRecord(row.value);
          if ('problem' in normalized) {
            batch.issues.push({
              source: name,
              location: recordsPath,
              line: row.line,
              message: normalized.problem,
            });
            continue;
          }
          normalized.record.source = name;
          batch.records.push(normalized.record);
          batch.times.push(normalized.time);
          if (batch.records.length >= batchSize) {
            yield batch;
            batch = emptyBatch();
          }
        }
      } catch (error) {
        if (error instanceof InputError || (error as Error).name === 'AbortError') throw error;
        throw new SourceError(name, `cannot read ${recordsPath}: ${(error as Error).message}`, {
          cause: error,
        });
      }
      if (batch.records.length > 0 || batch.issues.length > 0) yield batch;
    },
  };
  if (summaryPath !== undefined) {
    source.readEvalSummary = () => readEvalSummary(summaryPath);
  }
  return source;
}

function emptyBatch(): RecordBatch {
  return { records: [], times: [], issues: [] };
}

function resolvePath(baseDir: string, path: string): string {
  return isAbsolute(path) ? path : resolve(baseDir, path);
}

type Row = { value: unknown; line: number } | { problem: string; line: number };

async function* readJsonlRows(path: string): AsyncGenerator<Row> {
  const lines = createInterface({
    input: createReadStream(path, { encoding: 'utf8' }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === '') continue;
    try {
      yield { value: JSON.parse(text) as unknown, line };
    } catch (error) {
      yield { problem: `not valid JSON (${(error as Error).message})`, line };
    }
  }
}

async function* readCsvRows(path: string): AsyncGenerator<Row> {
  const { parse } = await import('csv-parse');
  const parser = createReadStream(path).pipe(
    parse({
      columns: true,
      skip_empty_lines: true,
      bom: true,
      trim: true,
      info: true,
      relax_column_count: false,
    }),
  );
  try {
    for await (const entry of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      yield { value: nestDottedKeys(entry.record), line: entry.info.lines };
    }
  } catch (error) {
    const csvError = error as { code?: string; lines?: number; message: string };
    if (csvError.code?.startsWith('CSV_')) {
      throw new InputError(path, csvError.lines, `not valid CSV: ${csvError.message}`, { cause: error });
    }
    throw error;
  }
}

async function readEvalSummary(path: string): Promise<EvalSummary> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new InputError(path, undefined, `expected a JSON eval summary: ${(error as Error).message}`);
  }
  const summary = parsed as Partial<EvalSummary> | null;
  if (
    summary === null ||
    typeof summary !== 'object' ||
    typeof summary.metrics !== 'object' ||
    summary.metrics === null
  ) {
    throw new InputError(
      path,
      undefined,
      'expected { "metrics": { "accuracy": 0.92, ... }, "samples": 200 }',
    );
  }
  const metrics: Record<string, number | null> = {};
  for (const [key, value] of Object.entries(summary.metrics)) {
    if (value === null || (value as unknown) === 'NaN') metrics[key] = null;
    else if (typeof value === 'number' && Number.isFinite(value)) metrics[key] = value;
    else
      throw new InputError(
        path,
        undefined,
        `metrics.${key}: expected a number or null, found ${JSON.stringify(value)}`,
      );
  }
  const result: EvalSummary = { metrics };
  if (summary.samples !== undefined) {
    if (typeof summary.samples !== 'number' || !Number.isInteger(summary.samples) || summary.samples < 0) {
      throw new InputError(
        path,
        undefined,
        `samples: expected a whole number, found ${JSON.stringify(summary.samples)}`,
      );
    }
    result.samples = summary.samples;
  }
  if (typeof summary.name === 'string') result.name = summary.name;
  if (typeof summary.timestamp === 'string') result.timestamp = summary.timestamp;
  if (typeof summary.url === 'string') result.url = summary.url;
  return result;
}
