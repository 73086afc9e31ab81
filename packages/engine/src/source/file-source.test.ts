import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConfigError,
  type EvalSourceV1,
  InputError,
  type RecordBatch,
  SourceError,
} from '@slokit/core/internal';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFileSource } from './file-source.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'slokit-file-source-'));
});

async function readAll(source: EvalSourceV1) {
  const batches: RecordBatch[] = [];
  for await (const batch of source.readRecords()) batches.push(batch);
  return {
    records: batches.flatMap((batch) => batch.records),
    times: batches.flatMap((batch) => batch.times),
    issues: batches.flatMap((batch) => batch.issues),
  };
}

describe('createFileSource', () => {
  it('reads JSONL, reporting bad lines with their line numbers', async () => {
    await writeFile(
      join(dir, 'records.jsonl'),
      [
        '{"id":"a","timestamp":"2026-11-26T13:00:00Z","latency_ms":120,"status":"success"}',
        '',
        '{"id":"b","latency_ms":"abc"}',
        '{not json',
        '{"id":"c","latency_ms":80,"scores":{"accuracy":true},"model":"gpt-4o"}',
      ].join('\n'),
    );
    const source = await createFileSource('prod', { type: 'file', path: 'records.jsonl' }, { baseDir: dir });
    const { records, times, issues } = await readAll(source);
    expect(records.map((record) => record.id)).toEqual(['a', 'c']);
    expect(records[1]).toEqual({
      id: 'c',
      latency_ms: 80,
      scores: { accuracy: true },
      metadata: { model: 'gpt-4o' },
      source: 'prod',
    });
    expect(times[0]).toBe(Date.parse('2026-11-26T13:00:00Z'));
    expect(Number.isNaN(times[1])).toBe(true);
    expect(issues.map((issue) => [issue.line, issue.message.split(' (')[0]])).toEqual([
      [3, 'latency_ms: expected a duration in milliseconds, found "abc"'],
      [4, 'not valid JSON'],
    ]);
    expect(issues[0]?.location).toBe(join(dir, 'records.jsonl'));
  });

  it('reads CSV with dotted headers into nested fields', async () => {
    await writeFile(
      join(dir, 'records.csv'),
      [
        'id,timestamp,latency_ms,status,scores.accuracy,scores.helpfulness,metadata.model,tokens.total,tags',
        'r1,2026-11-26T13:00:00Z,1500,success,true,0.9,gpt-4o,1200,production;eval',
        'r2,2026-11-26T13:01:00Z,NaN,success,false,,gpt-4o-mini,,',
        '"r,3",2026-11-26T13:02:00Z,700,error,,0.4,"gpt ""mini""",30,',
      ].join('\r\n'),
    );
    const source = await createFileSource('prod', { type: 'file', path: 'records.csv' }, { baseDir: dir });
    const { records, issues } = await readAll(source);
    expect(records).toEqual([
      {
        id: 'r1',
        timestamp: '2026-11-26T13:00:00.000Z',
        latency_ms: 1500,
        status: 'success',
        scores: { accuracy: true, helpfulness: 0.9 },
        metadata: { model: 'gpt-4o' },
        tokens: { total: 1200 },
        tags: ['production', 'eval'],
        source: 'prod',
      },
      {
        id: 'r,3',
        timestamp: '2026-11-26T13:02:00.000Z',
        latency_ms: 700,
        status: 'error',
        scores: { helpfulness: 0.4 },
        metadata: { model: 'gpt "mini"' },
        tokens: { total: 30 },
        source: 'prod',
      },
    ]);
    expect(issues).toEqual([
      {
        source: 'prod',
        location: join(dir, 'records.csv'),
        line: 3,
        message: 'latency_ms: expected a duration in milliseconds, found "NaN"',
      },
    ]);
  });

  it('skips and reports a CSV row with the wrong number of columns, reading on', async () => {
    await writeFile(join(dir, 'ragged.csv'), 'id,latency_ms\nr1,100\nr2,200,extra\nr3\nr4,400\n');
    const source = await createFileSource('prod', { type: 'file', path: 'ragged.csv' }, { baseDir: dir });
    const { records, issues } = await readAll(source);
    expect(records.map((record) => record.id)).toEqual(['r1', 'r4']);
    expect(issues.map((issue) => [issue.line, issue.message])).toEqual([
      [3, 'not valid CSV: expected 2 fields as in the header, found 3'],
      [4, 'not valid CSV: expected 2 fields as in the header, found 1'],
    ]);
  });

  it('is an input error when the CSV parser cannot follow the file', async () => {
    await writeFile(join(dir, 'unclosed.csv'), 'id,latency_ms\nr1,100\n"r2,200\n');
    const source = await createFileSource('prod', { type: 'file', path: 'unclosed.csv' }, { baseDir: dir });
    const error = await readAll(source).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ exitCode: 2 });
  });

  it('sets no key that reaches a prototype, reporting the row', async () => {
    await writeFile(
      join(dir, 'proto.csv'),
      'id,__proto__.url,constructor.prototype.url,metadata.model\nr1,https://evil.example,,gpt-4o\nr2,,,gpt-4o\n',
    );
    const source = await createFileSource('prod', { type: 'file', path: 'proto.csv' }, { baseDir: dir });
    const { records, issues } = await readAll(source);
    expect(records.map((record) => record.id)).toEqual(['r2']);
    expect(issues.map((issue) => [issue.line, issue.message])).toEqual([
      [2, '__proto__.url: "__proto__" is not allowed as a key in record data'],
    ]);
    expect(({} as Record<string, unknown>).url).toBeUndefined();
  });

  it('drops a byte order mark before the first JSONL line', async () => {
    await writeFile(join(dir, 'bom.jsonl'), '\uFEFF{"id":"a"}\r\n{"id":"b"}');
    const source = await createFileSource('prod', { type: 'file', path: 'bom.jsonl' }, { baseDir: dir });
    const { records, issues } = await readAll(source);
    expect(records.map((record) => record.id)).toEqual(['a', 'b']);
    expect(issues).toEqual([]);
  });

  it('skips and reports a JSONL line over 16 MiB by default', async () => {
    const long = `{"id":"long","note":"${'x'.repeat(16 * 1024 * 1024)}"}`;
    await writeFile(join(dir, 'long.jsonl'), `{"id":"a"}\n${long}\n{"id":"b"}\n`);
    const source = await createFileSource('prod', { type: 'file', path: 'long.jsonl' }, { baseDir: dir });
    const { records, issues } = await readAll(source);
    expect(records.map((record) => record.id)).toEqual(['a', 'b']);
    expect(issues.map((issue) => [issue.line, issue.message])).toEqual([
      [2, 'line longer than 16,777,216 bytes (raise maxLineBytes on the source to read it)'],
    ]);
  });

  it('refuses a device such as /dev/zero as a source error', async () => {
    const source = await createFileSource('prod', { type: 'file', path: '/dev/zero' }, { baseDir: dir });
    const error = await readAll(source).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as Error).message).toBe("source 'prod': cannot read /dev/zero: not a regular file or pipe");
  });

  it('is a config error when a configured file does not exist', async () => {
    const error = await createFileSource(
      'prod',
      { type: 'file', path: 'missing.jsonl' },
      { baseDir: dir, configFile: 'slokit.yaml' },
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe(
      `slokit.yaml: sources.prod.path: file not found: ${join(dir, 'missing.jsonl')}`,
    );
  });

  it('reads an eval summary, treating null and "NaN" as no value', async () => {
    await writeFile(
      join(dir, 'summary.json'),
      JSON.stringify({
        metrics: { accuracy: 0.92, toxicity: 'NaN', recall: null },
        samples: 200,
        name: 'nightly',
      }),
    );
    const source = await createFileSource(
      'evals',
      { type: 'file', summary: 'summary.json' },
      { baseDir: dir },
    );
    expect(await source.readEvalSummary?.()).toEqual({
      metrics: { accuracy: 0.92, toxicity: null, recall: null },
      samples: 200,
      name: 'nightly',
    });
    expect((await readAll(source)).records).toEqual([]);
  });

  it('rejects a malformed eval summary, naming the field', async () => {
    await writeFile(join(dir, 'bad-summary.json'), JSON.stringify({ metrics: { accuracy: 'high' } }));
    const source = await createFileSource(
      'evals',
      { type: 'file', summary: 'bad-summary.json' },
      { baseDir: dir },
    );
    await expect(source.readEvalSummary?.()).rejects.toThrow(
      `${join(dir, 'bad-summary.json')}: metrics.accuracy: expected a number or null, found "high"`,
    );
  });

  it('reads a .json path holding an eval run\'s results ({"metrics": ...}) as the eval summary', async () => {
    await writeFile(
      join(dir, 'results.json'),
      JSON.stringify({ model: 'support-bot', metrics: { accuracy: 0.87, toxicity: 0.004 } }, null, 2),
    );
    const source = await createFileSource('evals', { type: 'file', path: 'results.json' }, { baseDir: dir });
    expect(await source.readEvalSummary?.()).toEqual({ metrics: { accuracy: 0.87, toxicity: 0.004 } });
    expect(await readAll(source)).toEqual({ records: [], times: [], issues: [] });
    // Read again on each call: a sync that runs every 5 minutes sees the latest results.
    await writeFile(join(dir, 'results.json'), JSON.stringify({ metrics: { accuracy: 0.9 } }));
    expect(await source.readEvalSummary?.()).toEqual({ metrics: { accuracy: 0.9 } });
  });

  it('reads a .json path of one record a line, or with an explicit format, as records', async () => {
    const line = '{"id":"a","timestamp":"2026-11-26T13:00:00Z","latency_ms":120,"metrics":{"x":1}}';
    await writeFile(join(dir, 'records.json'), `${line}\n${line.replace('"a"', '"b"')}\n`);
    const lines = await createFileSource('prod', { type: 'file', path: 'records.json' }, { baseDir: dir });
    expect((await readAll(lines)).records.map((record) => record.id)).toEqual(['a', 'b']);
    expect(lines.readEvalSummary).toBeUndefined();
    await writeFile(join(dir, 'one-record.json'), `${line}\n`);
    const explicit = await createFileSource(
      'prod',
      { type: 'file', path: 'one-record.json', format: 'jsonl' },
      { baseDir: dir },
    );
    expect((await readAll(explicit)).records.map((record) => record.id)).toEqual(['a']);
    expect(explicit.readEvalSummary).toBeUndefined();
  });

  it('is a config error when both path and summary hold an eval summary', async () => {
    await writeFile(join(dir, 'both.json'), JSON.stringify({ metrics: { accuracy: 0.87 } }));
    const error = await createFileSource(
      'evals',
      { type: 'file', path: 'both.json', summary: 'summary.json' },
      { baseDir: dir, configFile: 'slokit.yaml' },
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe(
      'slokit.yaml: sources.evals.summary: `path` (both.json) already holds an eval summary ({"metrics": ...}): keep one of the two',
    );
  });
});
