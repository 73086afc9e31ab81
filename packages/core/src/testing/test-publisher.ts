import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublisherV1 } from '../publish/publisher.js';
import type { Report, SloReport } from '../report/report.js';

export interface PublishedResult {
  slo: string;
  value: number | null;
  status: string;
}

export interface PublisherFixture {
  publisher: PublisherV1;
  /** Reads back, from the backend, the SLO results the publisher wrote. */
  readPublished: () => Promise<PublishedResult[]>;
  /** Everything the backend stored in the test (and every request it received), serialized, to check no secret leaked. */
  dumpBackend: () => Promise<string>;
  teardown?: () => Promise<void> | void;
}

/** A report with one SLO per status and a secret-looking label, for publisher conformance. */
export function conformanceReport(checkId = '2026-11-26T14:00:00.000Z'): Report {
  const slo = (name: string, status: SloReport['status'], value: number | null): SloReport => ({
    name,
    description: null,
    source: 'prod',
    sli: { kind: 'metric', field: 'latency_ms', aggregate: 'p95' },
    status,
    value,
    samples: value === null ? 0 : 100,
    op: 'lte',
    opInferred: null,
    target: 2000,
    warning: 3000,
    critical: 5000,
    window: '1h',
    windowStart: '2026-11-26T13:00:00.000Z',
    interval: null,
    errorBudget: null,
    exact: true,
    groupBy: null,
    segments: null,
    unit: 'ms',
    runbook: 'https://wiki.example.com/runbooks/latency',
    labels: { team: 'support' },
    notes: [],
  });
  return {
    schemaVersion: 1,
    checkId,
    generatedAt: '2026-11-26T14:00:05.000Z',
    at: '2026-11-26T14:00:00.000Z',
    slos: [
      slo('p95-latency', 'ok', 1800),
      slo('p99-latency', 'critical', 7200.5),
      slo('empty', 'no_data', null),
    ],
    compliance: 0.5,
    complianceCounts: { met: 1, counted: 2 },
    sources: [
      { name: 'prod', type: 'test', records: 100, skipped: 0, duplicates: 0, issues: [], error: null },
    ],
  };
}

/**
 * The conformance suite every publisher runs: one result per SLO with its value and status, idempotent for the
 * same check id, and nothing secret written (pass the secrets the fixture used in `secrets`).
 */
export function testPublisher(options: {
  name: string;
  setup: () => Promise<PublisherFixture>;
  /** The API keys and tokens the fixture used; none may reach the backend's stored data. */
  secrets: [string, ...string[]];
}): void {
  let fixture: PublisherFixture;
  describe(`${options.name}: publisher conformance`, () => {
    beforeAll(async () => {
      fixture = await options.setup();
    }, 120_000);
    afterAll(async () => {
      await fixture?.teardown?.();
    });

    it('declares the v1 contract', () => {
      expect(fixture.publisher.specificationVersion).toBe('v1');
    });

    it('writes one result per SLO, and the same check twice writes it once', async () => {
      const report = conformanceReport();
      const first = await fixture.publisher.publish({ report, slos: report.slos, checkId: report.checkId });
      expect(first.published).toBe(3);
      expect(typeof first.target).toBe('string');
      await fixture.publisher.publish({ report, slos: report.slos, checkId: report.checkId });
      const published = await fixture.readPublished();
      const sorted = [...published].sort((a, b) => a.slo.localeCompare(b.slo));
      expect(sorted).toEqual([
        { slo: 'empty', value: null, status: 'no_data' },
        { slo: 'p95-latency', value: 1800, status: 'ok' },
        { slo: 'p99-latency', value: 7200.5, status: 'critical' },
      ]);
    });

    it('never writes a secret', async () => {
      const stored = await fixture.dumpBackend();
      expect(stored.length).toBeGreaterThan(0);
      for (const secret of options.secrets) expect(stored).not.toContain(secret);
    });
  });
}
