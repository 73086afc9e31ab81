import type { SloInput } from '@slokit/core';
import { generateSupportBotTraffic } from '@slokit/testkit';

/**
 * A simulated week of support-bot traffic with three incidents (a quality drop, a latency spike, an error burst),
 * shared by the replay tests of sync and of notification delivery.
 */
export const replayStart = Date.parse('2026-11-19T00:00:00Z');
export const hour = 3_600_000;

export const replayIncidents = [
  {
    kind: 'helpfulness-drop' as const,
    start: replayStart + 30 * hour,
    end: replayStart + 34 * hour,
    severity: 0.6,
    slo: 'helpfulness',
  },
  {
    kind: 'latency-spike' as const,
    start: replayStart + 80 * hour,
    end: replayStart + 82 * hour,
    severity: 0.7,
    slo: 'p95-latency',
  },
  {
    kind: 'error-burst' as const,
    start: replayStart + 130 * hour,
    end: replayStart + 131 * hour,
    severity: 0.5,
    slo: 'availability',
  },
];

export const replaySlos: SloInput[] = [
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
];

export function replayRecords() {
  return [
    ...generateSupportBotTraffic({
      seed: 'replay-week',
      start: new Date(replayStart).toISOString(),
      end: new Date(replayStart + 7 * 24 * hour).toISOString(),
      requestsPerMinute: 2,
      incidents: replayIncidents.map(({ kind, start, end, severity }) => ({
        kind,
        start: new Date(start).toISOString(),
        end: new Date(end).toISOString(),
        severity,
      })),
    }),
  ];
}
