import type { SloReport } from '@slokit/core';
import { conformanceReport } from '@slokit/core/testing';
import { describe, expect, it } from 'vitest';
import { sloKey, sloRunPayload, worstStatus } from './slo-run-payload.js';

describe('sloRunPayload', () => {
  const report = conformanceReport('check-1');
  const at = Date.parse(report.at);

  it('writes values and the compliance as metrics at the evaluation time', () => {
    const payload = sloRunPayload({ report, slos: report.slos, checkId: 'check-1', source: 'prod' });
    expect(payload.metrics).toEqual([
      { key: 'slo.p95-latency.value', value: 1800, timestamp: at, step: 0 },
      { key: 'slo.p99-latency.value', value: 7200.5, timestamp: at, step: 0 },
      { key: 'slo.compliance', value: 0.5, timestamp: at, step: 0 },
    ]);
    expect(payload.runName).toBe('slo-check 2026-11-26T14:00:00.000Z');
  });

  it('tags statuses, the worst status, a JSON summary and the check, and keeps definitions as params', () => {
    const payload = sloRunPayload({ report, slos: report.slos, checkId: 'check-1', source: 'prod' });
    const tags = Object.fromEntries(payload.tags.map((tag) => [tag.key, tag.value]));
    expect(tags).toMatchObject({
      'slo.p95-latency.status': 'ok',
      'slo.p99-latency.status': 'critical',
      'slo.empty.status': 'no_data',
      'slo.status': 'critical',
      'slokit.check_id': 'check-1',
      'slokit.source': 'prod',
      'slokit.at': report.at,
      'slokit.check_key': payload.checkKey,
    });
    expect(JSON.parse(tags['slo.result']!)).toEqual([
      { name: 'p95-latency', status: 'ok', value: 1800, op: 'lte', target: 2000, window: '1h' },
      { name: 'p99-latency', status: 'critical', value: 7200.5, op: 'lte', target: 2000, window: '1h' },
      { name: 'empty', status: 'no_data', value: null, op: 'lte', target: 2000, window: '1h' },
    ]);
    expect(payload.params.filter((param) => param.key.startsWith('slo.p95-latency.'))).toEqual([
      { key: 'slo.p95-latency.sli', value: 'p95 of latency_ms' },
      { key: 'slo.p95-latency.objective', value: 'lte 2000' },
      { key: 'slo.p95-latency.warning', value: '3000' },
      { key: 'slo.p95-latency.critical', value: '5000' },
      { key: 'slo.p95-latency.window', value: '1h' },
    ]);
    expect(payload.report).toMatchObject({
      checkId: 'check-1',
      source: 'prod',
      compliance: 0.5,
      slos: report.slos,
    });
    expect(JSON.stringify(payload)).not.toContain('issues');
  });

  it('derives the check key from the check id and the source', () => {
    const key = (checkId: string, source: string) =>
      sloRunPayload({ report, slos: [], checkId, source }).checkKey;
    expect(key('check-1', 'prod')).toMatch(/^[0-9a-f]{32}$/);
    expect(key('check-1', 'prod')).toBe(key('check-1', 'prod'));
    expect(key('check-1', 'prod')).not.toBe(key('check-2', 'prod'));
    expect(key('check-1', 'prod')).not.toBe(key('check-1', 'evals'));
  });

  it('writes the remaining error budget of ratio SLOs', () => {
    const ratio: SloReport = {
      ...report.slos[0]!,
      name: 'availability',
      sli: { kind: 'ratio', field: 'status', aggregate: null },
      op: 'gte',
      target: 0.995,
      value: 0.99,
      errorBudget: { allowed: 5, consumed: 10, remaining: -1 },
    };
    const payload = sloRunPayload({ report, slos: [ratio], checkId: 'c', source: 'prod' });
    expect(payload.metrics).toContainEqual({
      key: 'slo.availability.budget_remaining',
      value: -1,
      timestamp: at,
      step: 0,
    });
    expect(payload.params).toContainEqual({ key: 'slo.availability.sli', value: 'ratio of status' });
  });

  it('keeps the summary tag under 8000 characters', () => {
    const many = Array.from({ length: 300 }, (_, index) => ({
      ...report.slos[0]!,
      name: `slo-number-${index}`,
    }));
    const payload = sloRunPayload({ report, slos: many, checkId: 'c', source: 'prod' });
    const result = payload.tags.find((tag) => tag.key === 'slo.result')!.value;
    expect(result.length).toBeLessThanOrEqual(8000);
    expect(JSON.parse(result).omitted).toBeGreaterThan(0);
  });
});

describe('sloKey', () => {
  it('keeps valid SLO names and repairs what MLflow would reject', () => {
    expect(sloKey('p95-latency', 'value')).toBe('slo.p95-latency.value');
    expect(sloKey('answers/correctness', 'status')).toBe('slo.answers/correctness.status');
    expect(sloKey('a//b', 'value')).toBe('slo.a/_/b.value');
    expect(sloKey('ünïcode?', 'value')).toBe('slo._n_code_.value');
    const long = sloKey('x'.repeat(300), 'budget_remaining');
    expect(long.length).toBeLessThanOrEqual(250);
    expect(long).toMatch(/^slo\.x+-[0-9a-f]{12}\.budget_remaining$/);
    expect(long).not.toBe(sloKey(`${'x'.repeat(299)}y`, 'budget_remaining'));
  });
});

describe('worstStatus', () => {
  it('ranks by severity and says no_data when nothing had data', () => {
    expect(worstStatus(['ok', 'warning', 'at_risk'])).toBe('warning');
    expect(worstStatus(['ok', 'no_data'])).toBe('ok');
    expect(worstStatus(['no_data', 'insufficient_data'])).toBe('insufficient_data');
    expect(worstStatus([])).toBe('no_data');
  });
});
