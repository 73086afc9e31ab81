import {
  type AlertEvent,
  createMemorySource,
  createMemoryStateStore,
  resolveConfig,
  runSync,
  statusSeverity,
} from '@slokit/core';
import { generateSupportBotTraffic } from '@slokit/testkit';
import { describe, expect, it } from 'vitest';

/**
 * A simulated week of support-bot traffic with three incidents, replayed through sync every 5 simulated minutes.
 * Every incident must be detected, quickly, with few messages, against a naive "alert whenever a check fails".
 */
const start = Date.parse('2026-11-19T00:00:00Z');
const hour = 3_600_000;
const incidents = [
  {
    kind: 'helpfulness-drop' as const,
    start: start + 30 * hour,
    end: start + 34 * hour,
    severity: 0.6,
    slo: 'helpfulness',
  },
  {
    kind: 'latency-spike' as const,
    start: start + 80 * hour,
    end: start + 82 * hour,
    severity: 0.7,
    slo: 'p95-latency',
  },
  {
    kind: 'error-burst' as const,
    start: start + 130 * hour,
    end: start + 131 * hour,
    severity: 0.5,
    slo: 'availability',
  },
];

const config = resolveConfig(
  {
    sources: { prod: { type: 'memory' } },
    slos: [
      {
        name: 'helpfulness',
        sli: { metric: 'scores.helpfulness', aggregate: 'mean' },
        objective: { op: 'gte', target: 0.75, warning: 0.7, critical: 0.6 },
        window: '1h',
      },
      {
        name: 'p95-latency',
        sli: { metric: 'latency_ms', aggregate: 'p95' },
        objective: { op: 'lte', target: 3000, warning: 4000, critical: 6000 },
        window: '1h',
      },
      {
        name: 'availability',
        sli: { ratio: { good: { field: 'status', equals: 'success' } } },
        objective: { op: 'gte', target: 0.99 },
        window: '30d',
      },
    ],
  },
  { baseDir: '/tmp' },
);

describe('replaying a week through sync', () => {
  it('detects every incident quickly with a few messages each, far fewer than a naive check', {
    timeout: 120_000,
  }, async () => {
    const records = [
      ...generateSupportBotTraffic({
        seed: 'replay-week',
        start: new Date(start).toISOString(),
        end: new Date(start + 7 * 24 * hour).toISOString(),
        requestsPerMinute: 2,
        incidents: incidents.map(({ kind, start: from, end, severity }) => ({
          kind,
          start: new Date(from).toISOString(),
          end: new Date(end).toISOString(),
          severity,
        })),
      }),
    ];
    const store = createMemoryStateStore();
    const source = createMemorySource('prod', records);
    const sent: AlertEvent[] = [];
    let naiveMessages = 0;
    for (let at = start + hour; at <= start + 7 * 24 * hour; at += 5 * 60_000) {
      const result = await runSync({
        config,
        store,
        now: new Date(at),
        owner: 'replay',
        sources: { prod: source },
      });
      sent.push(...result.events.filter((event) => event.silencedBy === null));
      naiveMessages += result.slos.filter(
        (slo) => statusSeverity[slo.status] >= statusSeverity.warning,
      ).length;
    }

    for (const incident of incidents) {
      const during = sent.filter(
        (event) =>
          event.slo === incident.slo &&
          Date.parse(event.at) >= incident.start &&
          Date.parse(event.at) < incident.end + 2 * hour,
      );
      const firstAlert = during.find((event) => event.kind === 'fired');
      expect(firstAlert, `${incident.kind} detected`).toBeDefined();
      const detectionMinutes = (Date.parse(firstAlert!.at) - incident.start) / 60_000;
      // The 1h window must fill enough to cross the threshold, then `for: 2` adds one cycle.
      expect(detectionMinutes, `${incident.kind} detected within an hour`).toBeLessThanOrEqual(60);
      if (process.env.SLOKIT_REPLAY_REPORT)
        console.log(
          incident.kind,
          detectionMinutes,
          during.length,
          during.map((e) => e.kind + ':' + e.level).join(','),
        );
      expect(during.length, `${incident.kind}: few messages`).toBeLessThanOrEqual(6);
      expect(
        during.some((event) => event.kind === 'resolved'),
        `${incident.kind} resolved`,
      ).toBe(true);
    }
    // Outside the incidents (plus the time their windows take to clear) nothing is sent.
    const stray = sent.filter(
      (event) =>
        !incidents.some(
          (incident) =>
            Date.parse(event.at) >= incident.start && Date.parse(event.at) < incident.end + 3 * hour,
        ),
    );
    expect(stray.map((event) => `${event.at} ${event.slo} ${event.kind} ${event.level}`)).toEqual([]);
    if (process.env.SLOKIT_REPLAY_REPORT) console.log('sent', sent.length, 'naive', naiveMessages);
    expect(sent.length * 5).toBeLessThan(naiveMessages);
  });
});
