import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { supportBotCsvColumns } from './support-bot-csv-columns.js';
import { generateSupportBotTraffic } from './support-bot-traffic.js';
import { parseCsv } from './test-support/parse-csv.js';
import { writeCsv } from './write-csv.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'testkit-csv-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeCsv', () => {
  it('writes a dotted-name header and one row per record that reads back to the record values', async () => {
    const records = [...generateSupportBotTraffic({ seed: 'csv', count: 3_000, errorRate: 0.2 })];
    const path = join(dir, 'records.csv');
    const result = await writeCsv(records, path, supportBotCsvColumns);
    const [header, ...rows] = parseCsv(await readFile(path, 'utf8'));
    expect(header).toEqual(supportBotCsvColumns);
    expect(result).toEqual({ count: records.length, bytes: (await stat(path)).size });
    expect(rows).toHaveLength(records.length);
    const column = (name: string) => supportBotCsvColumns.indexOf(name);
    records.forEach((record, i) => {
      const row = rows[i]!;
      expect(row[column('id')]).toBe(record.id);
      expect(row[column('timestamp')]).toBe(record.timestamp);
      expect(Number(row[column('latency_ms')])).toBe(record.latency_ms);
      expect(row[column('status')]).toBe(record.status);
      expect(row[column('error')]).toBe(record.error ?? '');
      expect(Number(row[column('cost_usd')])).toBe(record.cost_usd);
      expect(Number(row[column('tokens.total')])).toBe(record.tokens.total);
      expect(row[column('scores.accuracy')]).toBe(
        record.scores?.accuracy === undefined ? '' : String(record.scores.accuracy),
      );
      expect(row[column('scores.helpfulness')]).toBe(String(record.scores?.helpfulness ?? ''));
      expect(JSON.parse(row[column('tags')]!)).toEqual(record.tags);
      expect(row[column('metadata.model')]).toBe(record.metadata.model);
      expect(row[column('url')]).toBe(record.url);
    });
  });

  it('quotes fields with commas, quotes and line breaks, and leaves missing values empty', async () => {
    const path = join(dir, 'quoting.csv');
    await writeCsv(
      [
        { name: 'plain', meta: { note: 'a, b' } },
        { name: 'say "hi"', meta: { note: 'two\nlines' } },
        { name: null, meta: 'not an object' },
      ],
      path,
      ['name', 'meta.note', 'missing.deeply'],
    );
    const text = await readFile(path, 'utf8');
    expect(text).toBe(
      'name,meta.note,missing.deeply\r\nplain,"a, b",\r\n"say ""hi""","two\nlines",\r\n,,\r\n',
    );
    expect(parseCsv(text)).toEqual([
      ['name', 'meta.note', 'missing.deeply'],
      ['plain', 'a, b', ''],
      ['say "hi"', 'two\nlines', ''],
      ['', '', ''],
    ]);
  });

  it('needs at least one column', async () => {
    await expect(writeCsv([], join(dir, 'none.csv'), [])).rejects.toThrow(RangeError);
  });
});
