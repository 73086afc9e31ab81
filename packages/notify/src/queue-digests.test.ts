import {
  createMemorySource,
  createMemoryStateStore,
  type DigestBatch,
  type EvalRecord,
  resolveConfig,
} from '@slokit/core';
import { runSync } from '@slokit/engine';
import { describe, expect, it } from 'vitest';
import { createConsoleChannel } from './channels/console.js';
import { deliverOutbox } from './delivery/deliver-outbox.js';
import { digestId, queueDigests } from './queue-digests.js';
import { recordingStore } from './test-support/recording-store.js';

const day = Date.parse('2026-11-25T00:00:00Z');
const minute = 60_000;

/** A day of one request a minute; errors every 5th minute from 13:00 to 14:00. */
const records: EvalRecord[] = Array.from({ length: 24 * 60 }, (_, index) => ({
  id: `r${index}`,
  timestamp: new Date(day + index * minute + 1000).toISOString(),
  latency_ms: 500,
  status: index >= 13 * 60 && index < 14 * 60 && index % 5 === 0 ? 'error' : 'success',
}));

function setup() {
  const config = resolveConfig(
    {
      sources: { prod: { type: 'memory' } },
      slos: [
        {
          name: 'availability',
          sli: { ratio: { good: { field: 'status', equals: 'success' } } },
          objective: { op: 'gte', target: 0.95 },
          window: '1h',
        },
      ],
      alerting: { for: 1, resolveAfter: 1 },
      channels: {
        team: { type: 'console' },
        reports: { type: 'console', schedule: 'daily' },
      },
      routes: [{ to: ['team', 'reports'] }],
    },
    { baseDir: '/tmp' },
  );
  const store = recordingStore(createMemoryStateStore());
  const source = createMemorySource('prod', records);
  const sync = (at: number) =>
    runSync({ config, store, now: new Date(at), owner: 't', sources: { prod: source } });
  return { config, store, sync };
}

describe('queueDigests', () => {
  it('queues the report of the UTC day that ended, once per channel with a schedule; the digest channel gets no single alerts', async () => {
    const { config, store, sync } = setup();
    for (let at = day + 10 * 60 * minute; at <= day + 24 * 60 * minute; at += 30 * minute) await sync(at);
    const now = day + 24 * 60 * minute + 5 * minute;
    expect(await queueDigests({ store, config, now })).toBe(1);
    expect(await queueDigests({ store, config, now: now + 60 * minute })).toBe(1);
    const digests = [...store.outbox().values()].filter((row) => row.id.startsWith('digest-'));
    expect(digests.map((row) => [row.id, row.channel, row.status])).toEqual([
      [digestId('reports', day), 'reports', 'pending'],
    ]);
    expect(digestId('reports', day)).toMatch(/^digest-2026-11-25-[0-9a-f]{12}$/);
    const digest = JSON.parse(digests[0]!.payload) as DigestBatch;
    expect(digest).toMatchObject({
      channel: 'reports',
      from: '2026-11-25T00:00:00.000Z',
      to: '2026-11-26T00:00:00.000Z',
      report: { from: '2026-11-25T00:00:00.000Z', to: '2026-11-26T00:00:00.000Z', days: 1 },
    });
    const availability = digest.report.slos[0]!;
    expect(availability.name).toBe('availability');
    expect(availability.alerts.map((alert) => alert.kind)).toEqual(['fired', 'escalated', 'resolved']);

    let printed = '';
    const output = {
      write(text: string, callback?: (error?: Error | null) => void) {
        printed += text;
        callback?.();
      },
    };
    const report = await deliverOutbox({
      store,
      config,
      now: () => now,
      channels: {
        team: createConsoleChannel('team', {}, { output }),
        reports: createConsoleChannel('reports', {}, { output }),
      },
    });
    // The alerts went to the team channel; sync queues none for the reports channel, which got the day's report.
    expect(report.sent.filter((sent) => sent.channel === 'team').length).toBe(3);
    expect(report.skipped).toEqual([]);
    expect(report.sent.filter((sent) => sent.channel === 'reports')).toEqual([
      { id: digestId('reports', day), channel: 'reports', events: 0 },
    ]);
    // The first sync (10:00) backfilled its 1h window: history holds 09:00 on, 12 errors in 900 requests.
    expect(printed).toContain(
      `SLO report 2026-11-25 (UTC): 1 of 1 SLOs met (digest ${digestId('reports', day)})\n  ✅ availability: 98.7% vs ≥ 95% (ok), 3 alerts\n`,
    );
  });

  it('does nothing without a channel on a schedule', async () => {
    const config = resolveConfig(
      {
        sources: { prod: { type: 'memory' } },
        slos: [
          {
            name: 'a',
            sli: { metric: 'latency_ms', aggregate: 'mean' },
            objective: { op: 'lte', target: 1 },
          },
        ],
        channels: { team: { type: 'console' } },
        routes: [{ to: ['team'] }],
      },
      { baseDir: '/tmp' },
    );
    const store = recordingStore();
    expect(await queueDigests({ store, config, now: day })).toBe(0);
    expect(store.outbox().size).toBe(0);
  });
});
