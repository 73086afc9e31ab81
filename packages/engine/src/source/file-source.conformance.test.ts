import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testSource } from '@slokit/core/testing';
import { createFileSource } from './file-source.js';

let dir: string;

testSource({
  name: 'file (JSONL)',
  setup: async (records) => {
    dir = await mkdtemp(join(tmpdir(), 'slokit-file-conformance-'));
    await writeFile(join(dir, 'records.jsonl'), records.map((record) => JSON.stringify(record)).join('\n'));
    const source = await createFileSource(
      'file',
      { type: 'file', path: 'records.jsonl' },
      { baseDir: dir, batchSize: 50 },
    );
    return { source, teardown: () => rm(dir, { recursive: true, force: true }) };
  },
});
