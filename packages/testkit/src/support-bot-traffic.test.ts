import { describe, expect, it } from 'vitest';
import type { GeneratedRecord } from './generated-record.js';
import { defaultSupportBotModels } from './support-bot-model.js';
import { generateSupportBotTraffic, type SupportBotTrafficOptions } from './support-bot-traffic.js';

const day = { start: '2026-11-25T00:00:00.000Z', end: '2026-11-26T00:00:00.000Z' };

function take(count: number, options: SupportBotTrafficOptions): GeneratedRecord[] {
  const records: GeneratedRecord[] = [];
  for (const record of generateSupportBotTraffic(options)) {
    records.push(record);
    if (records.length === count) break;
  }
  return records;
}

function within(records: readonly GeneratedRecord[], start: string, end: string): GeneratedRecord[] {
  return records.filter((record) => record.timestamp >= start && record.timestamp < end);
}

function meanHelpfulness(records: readonly GeneratedRecord[]): number {
  const values = records.flatMap((record) =>
    record.scores?.helpfulness === undefined ? [] : [record.scores.helpfulness],
  );
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function errorRate(records: readonly GeneratedRecord[]): number {
  return records.filter((record) => record.status === 'error').length / records.length;
}

function p95Latency(records: readonly GeneratedRecord[]): number {
  const sorted = records.map((record) => record.latency_ms).sort((a, b) => a - b);
  return sorted[Math.floor(0.95 * (sorted.length - 1))]!;
}

describe('generateSupportBotTraffic', () => {
  it('gives identical records for the same seed and different ones for another seed', () => {
    const first = take(1000, { seed: 'determinism', ...day });
    expect(take(1000, { seed: 'determinism', ...day })).toEqual(first);
    const other = take(1000, { seed: 'determinism-2', ...day });
    expect(other.map((record) => record.timestamp)).not.toEqual(first.map((record) => record.timestamp));
    expect(other.map((record) => record.latency_ms)).not.toEqual(first.map((record) => record.latency_ms));
  });

  it('streams in timestamp order within [start, end), with sequential ids', () => {
    const records = [...generateSupportBotTraffic({ seed: 'order', ...day, requestsPerMinute: 5 })];
    expect(records.length).toBeGreaterThan(6000);
    records.forEach((record, i) => {
      expect(record.id).toBe(`run-${String(i + 1).padStart(7, '0')}`);
      expect(record.timestamp >= day.start && record.timestamp < day.end).toBe(true);
      if (i > 0) expect(record.timestamp >= records[i - 1]!.timestamp).toBe(true);
    });
  });

  it('gives exactly `count` records', () => {
    for (const count of [0, 1, 7, 12_345]) {
      expect([...generateSupportBotTraffic({ seed: 'count', count, ...day })]).toHaveLength(count);
    }
  });

  it('gives well-formed records with values in range', () => {
    const records = [...generateSupportBotTraffic({ seed: 'shapes', count: 8_000, ...day })];
    const models = new Set(defaultSupportBotModels.map((model) => model.name));
    for (const record of records) {
      expect(record.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(Number.isInteger(record.latency_ms) && record.latency_ms > 0).toBe(true);
      expect(record.cost_usd).toBeGreaterThanOrEqual(0);
      expect(Math.round(record.cost_usd * 1e6) / 1e6).toBe(record.cost_usd);
      expect(record.tokens.total).toBe(record.tokens.prompt + record.tokens.completion);
      expect(models.has(record.metadata.model)).toBe(true);
      expect(record.tags).toEqual(['production', record.metadata.model]);
      expect(record.url.endsWith(`/r/${record.id}`)).toBe(true);
      expect('source' in record).toBe(false);
      const { helpfulness, toxicity } = record.scores ?? {};
      if (helpfulness !== undefined) expect(helpfulness >= 0 && helpfulness <= 1).toBe(true);
      if (toxicity !== undefined) expect(toxicity >= 0 && toxicity <= 1).toBe(true);
      if (record.status === 'error') {
        expect(record.error).toMatch(/timed out|429 Too Many Requests|upstream 503|context length exceeded/);
        expect(record.scores).toBeUndefined();
        expect(record.cost_usd).toBe(0);
        if (record.error!.includes('timed out')) expect(record.latency_ms).toBeGreaterThanOrEqual(30_000);
      } else {
        expect(record.status).toBe('success');
        expect(record.error).toBeUndefined();
        expect(record.cost_usd).toBeGreaterThan(0);
        expect(record.latency_ms).toBeLessThan(30_000);
      }
    }
    const scored = records.filter((record) => record.scores?.helpfulness !== undefined).length;
    expect(scored / records.length).toBeGreaterThan(0.85);
    expect(scored / records.length).toBeLessThan(0.95);
    expect(errorRate(records)).toBeLessThan(0.02);
    expect(records.filter((record) => (record.scores?.toxicity ?? 0) > 0).length).toBeGreaterThan(0);
    const slow = records.filter((record) => record.status === 'success' && record.latency_ms >= 5_000).length;
    expect(slow / records.length).toBeGreaterThan(0.005);
  });

  it('orders P95 latency and mean cost by model as designed', () => {
    const records = [...generateSupportBotTraffic({ seed: 'models', count: 30_000, ...day })];
    const byModel = (name: string) => records.filter((record) => record.metadata.model === name);
    const [gpt4o, mini, sonnet] = ['gpt-4o', 'gpt-4o-mini', 'claude-sonnet-4'].map(byModel) as [
      GeneratedRecord[],
      GeneratedRecord[],
      GeneratedRecord[],
    ];
    expect(p95Latency(mini) * 1.4).toBeLessThan(p95Latency(sonnet));
    expect(p95Latency(sonnet) * 1.1).toBeLessThan(p95Latency(gpt4o));
    const meanCost = (group: readonly GeneratedRecord[]) =>
      group.reduce((sum, record) => sum + record.cost_usd, 0) / group.length;
    expect(meanCost(mini) * 10).toBeLessThan(meanCost(gpt4o));
    expect(meanCost(gpt4o)).toBeLessThan(meanCost(sonnet));
    expect(gpt4o.length).toBeGreaterThan(sonnet.length);
  });

  it('lowers helpfulness during a helpfulness-drop and leaves the rest alone', () => {
    const incident = {
      kind: 'helpfulness-drop' as const,
      start: '2026-11-25T10:00:00Z',
      end: '2026-11-25T14:00:00Z',
    };
    const options = { seed: 'drop', ...day, requestsPerMinute: 20 };
    const calm = [...generateSupportBotTraffic(options)];
    const degraded = [...generateSupportBotTraffic({ ...options, incidents: [incident] })];
    const during = within(degraded, '2026-11-25T10:00', '2026-11-25T14:00');
    const around = within(degraded, '2026-11-25T06:00', '2026-11-25T10:00');
    expect(meanHelpfulness(during)).toBeLessThan(meanHelpfulness(around) - 0.15);
    expect(meanHelpfulness(within(calm, '2026-11-25T10:00', '2026-11-25T14:00'))).toBeGreaterThan(
      meanHelpfulness(during) + 0.15,
    );
    // Incidents draw from their own stream: arrival times and records outside the window do not move.
    expect(degraded.map((record) => record.timestamp)).toEqual(calm.map((record) => record.timestamp));
    expect(within(degraded, '2026-11-25T00:00', '2026-11-25T10:00')).toEqual(
      within(calm, '2026-11-25T00:00', '2026-11-25T10:00'),
    );
  });

  it('raises the error rate during an error-burst', () => {
    const records = [
      ...generateSupportBotTraffic({
        seed: 'burst',
        ...day,
        requestsPerMinute: 20,
        incidents: [{ kind: 'error-burst', start: '2026-11-25T12:00:00Z', end: '2026-11-25T12:30:00Z' }],
      }),
    ];
    const during = within(records, '2026-11-25T12:00', '2026-11-25T12:30');
    expect(errorRate(during)).toBeGreaterThan(0.2);
    const outside = records.filter(
      (record) => record.timestamp < '2026-11-25T12:00' || record.timestamp >= '2026-11-25T12:30',
    );
    expect(errorRate(outside)).toBeLessThan(0.02);
  });

  it('slows down one model during a latency-spike for that model and raises cost during a cost-spike', () => {
    const window = { start: '2026-11-25T12:00:00Z', end: '2026-11-25T16:00:00Z' };
    const records = [
      ...generateSupportBotTraffic({
        seed: 'spikes',
        ...day,
        requestsPerMinute: 20,
        incidents: [
          { kind: 'latency-spike', ...window, model: 'gpt-4o-mini' },
          { kind: 'cost-spike', ...window, severity: 1 },
        ],
      }),
    ];
    const mini = (group: readonly GeneratedRecord[]) =>
      group.filter((record) => record.metadata.model === 'gpt-4o-mini' && record.status === 'success');
    const gpt4o = (group: readonly GeneratedRecord[]) =>
      group.filter((record) => record.metadata.model === 'gpt-4o');
    const during = within(records, '2026-11-25T12:00', '2026-11-25T16:00');
    const before = within(records, '2026-11-25T06:00', '2026-11-25T10:00');
    expect(p95Latency(mini(during))).toBeGreaterThan(2 * p95Latency(mini(before)));
    expect(p95Latency(gpt4o(during))).toBeLessThan(1.5 * p95Latency(gpt4o(before)));
    const meanCost = (group: readonly GeneratedRecord[]) =>
      group.reduce((sum, record) => sum + record.cost_usd, 0) / group.length;
    expect(meanCost(during)).toBeGreaterThan(2 * meanCost(before));
  });

  it('switches prompt version at the given times', () => {
    const records = [
      ...generateSupportBotTraffic({
        seed: 'prompts',
        ...day,
        promptVersions: [
          { version: 'v2', from: '2026-11-25T12:00:00Z' },
          { version: 'v1', from: '2026-11-24T00:00:00Z' },
        ],
      }),
    ];
    for (const record of records) {
      expect(record.metadata.prompt_version).toBe(record.timestamp < '2026-11-25T12:00' ? 'v1' : 'v2');
    }
    const defaults = [...generateSupportBotTraffic({ seed: 'prompts', ...day })];
    expect(new Set(defaults.map((record) => record.metadata.prompt_version))).toEqual(
      new Set(['v12', 'v13']),
    );
  });

  it('rejects bad options when called, before any record is asked for', () => {
    expect(() => generateSupportBotTraffic({ count: 10, requestsPerMinute: 5 })).toThrow(/either count or/);
    expect(() => generateSupportBotTraffic({ count: -1 })).toThrow(/count/);
    expect(() => generateSupportBotTraffic({ start: '2026-11-26', end: '2026-11-25' })).toThrow(/before end/);
    expect(() => generateSupportBotTraffic({ start: 'yesterday' })).toThrow(/ISO 8601/);
    expect(() => generateSupportBotTraffic({ models: [] })).toThrow(/models/);
    expect(() =>
      generateSupportBotTraffic({
        incidents: [
          { kind: 'error-burst', start: '2026-11-26T00:00Z', end: '2026-11-26T01:00Z', model: 'gpt-5' },
        ],
      }),
    ).toThrow(/unknown model "gpt-5"/);
  });
});
