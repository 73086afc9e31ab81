import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvalRecord } from '../record/eval-record.js';
import type { EvalSourceV1, ReadRecordsOptions, RecordBatch } from '../source/eval-source.js';
import { conformanceEnd, conformanceRecords } from './conformance-records.js';

export interface SourceFixture {
  source: EvalSourceV1;
  teardown?: () => Promise<void> | void;
}

export interface TestSourceOptions {
  /** Shown in the test names: `langsmith`, `mlflow traces`. */
  name: string;
  /**
   * Stores `records` in the backend (an emulator, written through the tracker's real client where there is one) and
   * returns a source reading them back. Make its pages small (about 50 records) so paging and cursors are exercised.
   */
  setup: (records: EvalRecord[]) => Promise<SourceFixture>;
  /** What the tracker cannot store; each exemption must be real, and is shown in the test names. */
  lacks?: { cost?: boolean; tokens?: boolean; booleanScores?: boolean; errorMessage?: boolean };
  /** Latency round-trip tolerance in ms (trackers that store start/end times round). Default 1. */
  latencyToleranceMs?: number;
}

/**
 * The conformance suite every source adapter runs before its own tests: records round-trip, windows are
 * `(since, until]`, cursors resume without loss or duplication, batches are well formed, abort stops a read.
 */
export function testSource(options: TestSourceOptions): void {
  const records = conformanceRecords();
  const byId = new Map(records.map((record) => [record.id!, record]));
  const tolerance = options.latencyToleranceMs ?? 1;
  let fixture: SourceFixture;

  describe(`${options.name}: source conformance`, () => {
    beforeAll(async () => {
      fixture = await options.setup(records.map((record) => structuredClone(record)));
    }, 120_000);

    afterAll(async () => {
      await fixture?.teardown?.();
    });

    it('declares the v1 contract', () => {
      expect(fixture.source.specificationVersion).toBe('v1');
      expect(typeof fixture.source.name).toBe('string');
      expect(typeof fixture.source.type).toBe('string');
    });

    it('reads every record exactly once, with its fields', async () => {
      const { read } = await readAll(fixture.source);
      expect(read.map((entry) => entry.record.id).sort()).toEqual([...byId.keys()].sort());
      for (const { record, time } of read) {
        const expected = byId.get(record.id!)!;
        expect(time, `time of ${record.id}`).toBeCloseTo(Date.parse(expected.timestamp!), -1);
        expect(
          Math.abs((record.latency_ms ?? Number.NaN) - expected.latency_ms!),
          `latency of ${record.id}`,
        ).toBeLessThanOrEqual(tolerance);
        expect(record.status, `status of ${record.id}`).toBe(expected.status);
        if (!options.lacks?.errorMessage && expected.error) expect(record.error).toContain(expected.error);
        if (!options.lacks?.cost)
          expect(record.cost_usd, `cost of ${record.id}`).toBeCloseTo(expected.cost_usd!, 6);
        if (!options.lacks?.tokens)
          expect(record.tokens?.total, `tokens of ${record.id}`).toBe(expected.tokens?.total);
        for (const [key, value] of Object.entries(expected.scores ?? {})) {
          const actual = record.scores?.[key];
          if (typeof value === 'boolean' && options.lacks?.booleanScores)
            expect(actual, `${key} of ${record.id}`).toBe(value ? 1 : 0);
          else expect(actual, `${key} of ${record.id}`).toEqual(value);
        }
      }
    });

    it('returns well-formed batches of normalized records', async () => {
      const { batches } = await readAll(fixture.source);
      expect(batches.length).toBeGreaterThan(1);
      for (const batch of batches) {
        expect(batch.times).toHaveLength(batch.records.length);
        expect(Array.isArray(batch.issues)).toBe(true);
        for (const [index, record] of batch.records.entries()) {
          expect(Number.isFinite(batch.times[index])).toBe(true);
          expect(['success', 'error']).toContain(record.status);
          expect(record.latency_ms).toBeGreaterThanOrEqual(0);
          expect(record.source).toBe(fixture.source.name);
        }
      }
    });

    it('returns exactly the records in (since, until]', async () => {
      const since = new Date(conformanceEnd - 60 * 60_000);
      const until = new Date(conformanceEnd - 30 * 60_000);
      const { read } = await readAll(fixture.source, { since, until });
      const expected = records
        .filter((record) => {
          const time = Date.parse(record.timestamp!);
          return time > since.getTime() && time <= until.getTime();
        })
        .map((record) => record.id);
      expect(read.map((entry) => entry.record.id).sort()).toEqual(expected.sort());
    });

    it('resumes from a cursor without losing or repeating records', async () => {
      const first: string[] = [];
      let cursor: string | undefined;
      for await (const batch of fixture.source.readRecords()) {
        first.push(...batch.records.map((record) => record.id!));
        if (batch.cursor !== undefined) {
          cursor = batch.cursor;
          break;
        }
      }
      expect(cursor, 'a batch carries a cursor').toBeDefined();
      const { read } = await readAll(fixture.source, { cursor: cursor! });
      const rest = read.map((entry) => entry.record.id!);
      expect(new Set([...first, ...rest]).size).toBe(first.length + rest.length);
      expect([...first, ...rest].sort()).toEqual([...byId.keys()].sort());
    });

    it('stops when its signal is aborted', async () => {
      const controller = new AbortController();
      const reading = (async () => {
        let batches = 0;
        for await (const _batch of fixture.source.readRecords({ signal: controller.signal })) {
          batches++;
          controller.abort(new Error('stop reading'));
        }
        return batches;
      })();
      await expect(reading).rejects.toThrow();
    });
  });
}

async function readAll(source: EvalSourceV1, options: ReadRecordsOptions = {}) {
  const batches: RecordBatch[] = [];
  for await (const batch of source.readRecords(options)) batches.push(batch);
  const read = batches.flatMap((batch) =>
    batch.records.map((record, index) => ({ record, time: batch.times[index]! })),
  );
  return { batches, read };
}
