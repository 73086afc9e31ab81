import type { SupportBotTrafficOptions } from '@slokit/testkit';

const hour = 3_600_000;
const day = 24 * hour;

/**
 * The simulated week the demo replays: a Monday to the next Monday of support-bot traffic. On Thursday at 10:00
 * prompt v13 rolls out and answers get less helpful; at 12:30 the on-call engineer rolls back to v12; on Friday
 * at 11:00 v14 (the fix, checked by the golden-set evaluation first) ships.
 */
export const demoWeek = {
  start: Date.parse('2026-11-16T00:00:00.000Z'),
  end: Date.parse('2026-11-23T00:00:00.000Z'),
  rollout: Date.parse('2026-11-19T10:00:00.000Z'),
  rollback: Date.parse('2026-11-19T12:30:00.000Z'),
  fixEvaluated: Date.parse('2026-11-20T09:00:00.000Z'),
  fixShipped: Date.parse('2026-11-20T11:00:00.000Z'),
  /** Sync runs every 5 simulated minutes from the first full hour of traffic. */
  firstSync: Date.parse('2026-11-16T01:00:00.000Z'),
  syncEvery: 5 * 60_000,
  /** Mean requests a minute (the rate follows the day: more in the afternoon, less at night). */
  requestsPerMinute: 3,
  langsmithProject: 'support-bot',
  mlflowExperiment: 'support-bot-evals',
  weaveProject: 'demo-team/support-bot',
} as const;

/** Which prompt version production ran at a time. */
export function promptVersionAt(at: number): string {
  if (at >= demoWeek.fixShipped) return 'v14';
  if (at >= demoWeek.rollout && at < demoWeek.rollback) return 'v13';
  return 'v12';
}

/** The week's production traffic, as the generator of @slokit/testkit makes it (deterministic). */
export const demoTraffic: SupportBotTrafficOptions = {
  seed: 'slokit-demo-week',
  start: new Date(demoWeek.start).toISOString(),
  end: new Date(demoWeek.end).toISOString(),
  requestsPerMinute: demoWeek.requestsPerMinute,
  promptVersions: [
    { version: 'v12', from: new Date(demoWeek.start).toISOString() },
    { version: 'v13', from: new Date(demoWeek.rollout).toISOString() },
    { version: 'v12', from: new Date(demoWeek.rollback).toISOString() },
    { version: 'v14', from: new Date(demoWeek.fixShipped).toISOString() },
  ],
  incidents: [
    {
      kind: 'helpfulness-drop',
      start: new Date(demoWeek.rollout).toISOString(),
      end: new Date(demoWeek.rollback).toISOString(),
      severity: 0.35,
    },
  ],
};

/** The nightly MLflow eval runs at 02:00 every day, on the prompt in production; the first one before the week. */
export function nightlyEvalTimes(): number[] {
  const times: number[] = [];
  for (let at = demoWeek.start - day + 2 * hour; at < demoWeek.end; at += day) times.push(at);
  return times;
}

/** The golden-set evaluations in Weave: v12's before its release the week before, v14's before it ships. */
export const goldenEvaluations = [
  { at: Date.parse('2026-11-12T15:00:00.000Z'), promptVersion: 'v12' },
  { at: demoWeek.fixEvaluated, promptVersion: 'v14' },
] as const;
