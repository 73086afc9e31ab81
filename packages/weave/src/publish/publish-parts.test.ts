import { conformanceReport } from '@slokit/core/testing';
import { describe, expect, it } from 'vitest';
import { checkCallBatch, sloFeedbackPayload } from './check-call.js';
import { deterministicUuidV7 } from './check-ids.js';

describe('deterministicUuidV7', () => {
  it('gives a version-7 id, the same for the same parts, with the time in front', () => {
    const id = deterministicUuidV7(Date.parse('2026-11-26T14:00:00Z'), 'a', 'b');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(deterministicUuidV7(Date.parse('2026-11-26T14:00:00Z'), 'a', 'b')).toBe(id);
    expect(deterministicUuidV7(Date.parse('2026-11-26T14:00:00Z'), 'a', 'c')).not.toBe(id);
    expect(Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16)).toBe(Date.parse('2026-11-26T14:00:00Z'));
  });
});

describe('checkCallBatch', () => {
  it('writes the definitions as inputs and the results as output, without labels, notes or runbooks', () => {
    const report = conformanceReport();
    const [start, end] = checkCallBatch({
      projectId: 'acme/bot',
      callId: 'c1',
      traceId: 't1',
      report,
      slos: report.slos,
      checkId: report.checkId,
      source: { name: 'prod', reads: { ops: ['answer_question'] } },
      evaluationRef: 'weave:///acme/bot/call/e1',
    });
    expect(start).toMatchObject({
      mode: 'start',
      req: {
        start: {
          project_id: 'acme/bot',
          id: 'c1',
          trace_id: 't1',
          op_name: 'slokit.check',
          started_at: '2026-11-26T14:00:05.000Z',
          attributes: { slokit: { check_id: '2026-11-26T14:00:00.000Z', source: 'prod' } },
          inputs: {
            at: '2026-11-26T14:00:00.000Z',
            source: { name: 'prod', ops: ['answer_question'] },
            evaluation: 'weave:///acme/bot/call/e1',
          },
        },
      },
    });
    expect(
      (start as unknown as { req: { start: { inputs: { slos: unknown[] } } } }).req.start.inputs.slos[0],
    ).toEqual({
      name: 'p95-latency',
      sli: { kind: 'metric', field: 'latency_ms', aggregate: 'p95' },
      op: 'lte',
      target: 2000,
      warning: 3000,
      critical: 5000,
      window: '1h',
      group_by: null,
      unit: 'ms',
    });
    const output = (end as unknown as { req: { end: { output: Record<string, unknown> } } }).req.end.output;
    expect(output).toMatchObject({
      check_id: '2026-11-26T14:00:00.000Z',
      compliance: 0.5,
      status_counts: { ok: 1, critical: 1, no_data: 1 },
    });
    expect((output.slos as unknown[])[1]).toMatchObject({
      name: 'p99-latency',
      status: 'critical',
      value: 7200.5,
    });
    const text = JSON.stringify([start, end]);
    expect(text).not.toContain('runbooks');
    expect(text).not.toContain('support');
  });

  it('sums the verdicts up in the feedback payload', () => {
    const report = conformanceReport();
    const payload = sloFeedbackPayload(report, report.slos, 'check-1', 'weave:///acme/bot/call/c1');
    expect(payload).toMatchObject({
      check_id: 'check-1',
      passed: false,
      check_call: 'weave:///acme/bot/call/c1',
    });
    expect(payload.slos.map((slo) => slo.status)).toEqual(['ok', 'critical', 'no_data']);
  });
});
