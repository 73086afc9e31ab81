import type { EvalRecord, RecordIssue } from '@slokit/core';
import { type LangSmithEmulator, startLangSmithEmulator } from '@slokit/testkit/langsmith';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sourceFor } from '../test-support/langsmith-fixture.js';

const hostileId = '0194f1a2-0000-7000-8000-00000000beef';
let emulator: LangSmithEmulator;

beforeAll(async () => {
  emulator = await startLangSmithEmulator();
  const project = emulator.project('support-bot')!;
  const root = [...emulator.state.runs.values()].find((run) => run.session_id === project.id)!;
  emulator.state.insertRun({
    ...root,
    id: hostileId,
    trace_id: hostileId,
    start: Date.parse('2026-11-26T13:59:00Z'),
    end: Date.parse('2026-11-26T13:59:01Z'),
    // Parsed, as a server's JSON would be: an object literal could not carry an own `__proto__` key.
    extra: {
      metadata: JSON.parse(
        '{"__proto__": {"url": "https://attacker.example"}, "constructor": {"prototype": {"url": "x"}}, "nested": {"prototype": 1, "ok": 2}, "tenant": "acme"}',
      ),
    },
  });
});
afterAll(() => emulator.stop());
afterEach(() => {
  delete (Object.prototype as Record<string, unknown>).url;
});

describe('LangSmith source on hostile run metadata', () => {
  it('keeps keys that would reach an object prototype out of records, and reports them', async () => {
    const source = await sourceFor(emulator, { project: 'support-bot' });
    const records: EvalRecord[] = [];
    const issues: RecordIssue[] = [];
    for await (const batch of source.readRecords({ since: new Date('2026-11-26T13:58:00Z') })) {
      records.push(...batch.records);
      issues.push(...batch.issues);
    }
    const hostile = records.find((record) => record.id === hostileId)!;
    const copy = { ...hostile.metadata };
    Object.assign({}, hostile.metadata, copy);
    expect(({} as Record<string, unknown>).url).toBeUndefined();
    expect(hostile.metadata).toEqual({ nested: { ok: 2 }, tenant: 'acme' });
    expect(Object.getPrototypeOf(hostile.metadata)).toBe(Object.prototype);
    expect(issues).toEqual([
      {
        source: 'prod',
        location: `LangSmith project 'support-bot', run ${hostileId}`,
        message:
          'dropped keys that would reach an object prototype: metadata.__proto__, metadata.constructor, metadata.nested.prototype',
      },
    ]);
  });
});
