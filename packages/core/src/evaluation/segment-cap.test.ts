import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../config/resolve-config.js';
import type { EvalRecord } from '../record/eval-record.js';
import { buildSloReport } from './build-slo-report.js';
import { SloFold } from './slo-fold.js';
import { windowOutcome } from './window-outcome.js';

function slo(maxSegments?: number) {
  return resolveConfig(
    {
      sources: { prod: { type: 'memory' } },
      slos: [
        {
          name: 'success',
          sli: { ratio: { good: { field: 'status', equals: 'success' } } },
          objective: { op: 'gte', target: 0.9 },
          groupBy: 'metadata.user',
          ...(maxSegments === undefined ? {} : { maxSegments }),
        },
      ],
    },
    { baseDir: '/' },
  ).slos[0]!;
}

/** 20,000 users with a record each; users u0..u2 fail. */
function manyUsers(): EvalRecord[] {
  return Array.from({ length: 20_000 }, (_, index) => ({
    status: index < 3 ? 'error' : 'success',
    metadata: { user: `u${index}` },
  }));
}

describe('segments past maxSegments', () => {
  for (const kind of ['exact', 'stored'] as const) {
    it(`are capped worst first, the rest merged into (other) with a note (${kind})`, () => {
      const resolved = slo(kind === 'exact' ? undefined : 10);
      const fold = new SloFold(resolved, kind);
      for (const record of manyUsers()) fold.add(record, 0);
      const outcome = windowOutcome(resolved, fold.series, { from: 0, to: 1 }, false);
      const report = buildSloReport(resolved, outcome, 0);
      const limit = kind === 'exact' ? 50 : 10;
      expect(report.segments).toHaveLength(limit + 1);
      const keys = report.segments!.map((segment) => segment.key);
      if (kind === 'exact') expect(keys).toEqual(expect.arrayContaining(['u0', 'u1', 'u2']));
      const other = report.segments!.find((segment) => segment.key === '(other)')!;
      const counted = report.segments!.reduce((sum, segment) => sum + segment.samples, 0);
      expect(counted).toBe(20_000);
      expect(other.samples).toBeGreaterThan(19_000);
      expect(report.notes.join('\n')).toMatch(
        /more segment\(s\) of metadata.user merged into \(other\) \(maxSegments: \d+/,
      );
    });
  }
});
