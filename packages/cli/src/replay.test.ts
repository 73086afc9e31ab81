import {
  type AlertEvent,
  createMemorySource,
  createMemoryStateStore,
  resolveConfig,
  statusSeverity,
} from '@slokit/core';
import { runSync } from '@slokit/engine';
import { describe, expect, it } from 'vitest';
import { hour, replayIncidents, replayRecords, replaySlos, replayStart } from './test-support/replay-week.js';

const config = resolveConfig(
  { sources: { prod: { type: 'memory' } }, slos: replaySlos },
  { baseDir: '/tmp' },
);
const start = replayStart;
const incidents = replayIncidents;

describe('replaying a week through sync', () => {
  it('detects every incident quickly with a few messages each, far fewer than a naive check', {
    timeout: 120_000,
  }, async () => {
    const records = replayRecords();
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
