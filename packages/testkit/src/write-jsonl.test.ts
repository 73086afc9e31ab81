import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateSupportBotTraffic } from './support-bot-traffic.js';
import { writeJsonl } from './write-jsonl.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'testkit-jsonl-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeJsonl', () => {
  it('writes records that parse back to the same objects, reporting count and bytes', async () => {
    // Enough records for several 1 MB chunks.
    const records = [...generateSupportBotTraffic({ seed: 'jsonl', count: 6_000 })];
    const path = join(dir, 'records.jsonl');
    const result = await writeJsonl(records, path);
    const text = await readFile(path, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    expect(
      text
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toEqual(records);
    expect(result).toEqual({ count: records.length, bytes: (await stat(path)).size });
  });

  it('consumes async iterables and counts bytes of non-ASCII text', async () => {
    async function* items() {
      yield { text: 'héllo ✓' };
      yield { text: 'line\nbreak' };
    }
    const path = join(dir, 'async.jsonl');
    expect(await writeJsonl(items(), path)).toEqual({ count: 2, bytes: (await stat(path)).size });
    expect(await readFile(path, 'utf8')).toBe('{"text":"héllo ✓"}\n{"text":"line\\nbreak"}\n');
  });

  it('writes an empty file for no records', async () => {
    const path = join(dir, 'empty.jsonl');
    expect(await writeJsonl([], path)).toEqual({ count: 0, bytes: 0 });
    expect(await readFile(path, 'utf8')).toBe('');
  });

  it('rejects when the file cannot be opened, and passes on errors of the records', async () => {
    await expect(writeJsonl([{ a: 1 }], join(dir, 'missing', 'x.jsonl'))).rejects.toThrow(/ENOENT/);
    function* failing() {
      yield { a: 1 };
      throw new Error('source broke');
    }
    await expect(writeJsonl(failing(), join(dir, 'partial.jsonl'))).rejects.toThrow('source broke');
  });
});
