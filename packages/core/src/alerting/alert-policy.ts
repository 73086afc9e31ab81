import {
  type AlertLevel,
  type AlertPolicy,
  alertLevelRank,
  alertLevels,
} from '../slo/alert-policy-settings.js';
import type { BurnLevel } from '../slo/burn-rate-rules.js';
import type { SloStatus } from '../slo/slo-status.js';

interface Streak {
  count: number;
  since: number;
}

/** The policy's memory for one SLO (and segment); stored as JSON between syncs. */
export interface AlertState {
  /** The level that fired and is active. */
  level: AlertLevel;
  /** The highest level of the active alert since it fired: recoveries reach every channel that heard it. */
  peak?: AlertLevel;
  /** When the active alert first fired; null when none is active. */
  firedAt: number | null;
  /** When the last event for it was sent (silenced events do not count); null: never sent. */
  lastSentAt: number | null;
  /** Consecutive evaluations at or above each level. */
  breach: Partial<Record<AlertLevel, Streak>>;
  /** Consecutive evaluations below the active level, and the highest level seen among them. */
  calm: (Streak & { highest: AlertLevel }) | null;
  /** Since when the objective has been critical without interruption (for pageAfter). */
  criticalSince: number | null;
  /** The previous evaluation's value, for trends. */
  lastValue: number | null;
}

export const initialAlertState: AlertState = {
  level: 'none',
  firedAt: null,
  lastSentAt: null,
  breach: {},
  calm: null,
  criticalSince: null,
  lastValue: null,
};

export interface AlertObservation {
  at: number;
  status: SloStatus;
  /** The highest burn-rate alert whose windows both exceed their factor; null when none. */
  burn: BurnLevel | null;
  value: number | null;
  /** A silence or maintenance window covers this SLO now: events are recorded, not sent. */
  silenced: boolean;
}

export type AlertEventKind = 'fired' | 'escalated' | 'deescalated' | 'resolved' | 'repeated';

export interface AlertTransition {
  kind: AlertEventKind;
  level: AlertLevel;
  previousLevel: AlertLevel;
  /** The highest level the alert reached since it fired (the fired level itself for a new alert). */
  peakLevel: AlertLevel;
  at: number;
  silenced: boolean;
}

/** The level an evaluation asks for, before `for` and hysteresis. */
export function observedLevel(
  observation: AlertObservation,
  state: AlertState,
  policy: AlertPolicy,
): AlertLevel | undefined {
  const { status } = observation;
  if (status === 'no_data' || status === 'insufficient_data') {
    if (policy.noData === 'keep') return undefined;
    if (policy.noData === 'ok') return 'none';
    return 'warning';
  }
  let level: AlertLevel = status === 'critical' ? 'critical' : status === 'warning' ? 'warning' : 'none';
  if (observation.burn && alertLevelRank[observation.burn] > alertLevelRank[level]) level = observation.burn;
  const criticalSince = status === 'critical' ? (state.criticalSince ?? observation.at) : null;
  if (
    policy.pageAfter !== null &&
    criticalSince !== null &&
    observation.at - criticalSince >= policy.pageAfter
  ) {
    level = 'page';
  }
  return level;
}

/**
 * One evaluation through the alert policy: pure, so every rule is tested over simulated time. Escalations need
 * `for` consecutive evaluations at the new level, resolutions `resolveAfter` consecutive calm ones (hysteresis),
 * an unchanged active alert repeats after `repeatInterval`, and silenced events are returned but not counted as sent.
 */
export function stepAlert(
  previous: AlertState | undefined,
  observation: AlertObservation,
  policy: AlertPolicy,
): { state: AlertState; events: AlertTransition[] } {
  const state: AlertState = structuredClone(previous ?? initialAlertState);
  const at = observation.at;
  const events: AlertTransition[] = [];
  const emit = (kind: AlertEventKind, level: AlertLevel, previousLevel: AlertLevel) => {
    const peak = [state.peak ?? 'none', level, previousLevel].reduce((highest, candidate) =>
      alertLevelRank[candidate as AlertLevel] > alertLevelRank[highest as AlertLevel] ? candidate : highest,
    ) as AlertLevel;
    events.push({ kind, level, previousLevel, peakLevel: peak, at, silenced: observation.silenced });
    state.peak = level === 'none' ? undefined : peak;
    if (!observation.silenced) state.lastSentAt = at;
  };

  const level = observedLevel(observation, state, policy);
  if (observation.value !== null) state.lastValue = observation.value;
  if (level === undefined) {
    // No data under `keep`: nothing changes, nothing is counted.
    if (!observation.silenced) repeatIfDue(state, policy, at, emit);
    return { state, events };
  }
  state.criticalSince = observation.status === 'critical' ? (state.criticalSince ?? at) : null;

  for (const candidate of alertLevels) {
    if (candidate === 'none') continue;
    if (alertLevelRank[level] >= alertLevelRank[candidate]) {
      const streak = state.breach[candidate];
      state.breach[candidate] = streak
        ? { count: streak.count + 1, since: streak.since }
        : { count: 1, since: at };
    } else {
      delete state.breach[candidate];
    }
  }

  const held = (streak: Streak | undefined, count: number, duration: number) =>
    streak !== undefined && streak.count >= count && at - streak.since >= duration;
  let firing: AlertLevel = 'none';
  for (const candidate of alertLevels) {
    if (candidate !== 'none' && held(state.breach[candidate], policy.for, policy.forDuration))
      firing = candidate;
  }

  const active = state.level;
  if (alertLevelRank[firing] > alertLevelRank[active]) {
    state.level = firing;
    state.calm = null;
    if (active === 'none') {
      state.firedAt = at;
      emit('fired', firing, active);
    } else {
      emit('escalated', firing, active);
    }
    return { state, events };
  }

  if (active !== 'none' && alertLevelRank[level] < alertLevelRank[active]) {
    const calm = state.calm;
    state.calm = calm
      ? {
          count: calm.count + 1,
          since: calm.since,
          highest: alertLevelRank[level] > alertLevelRank[calm.highest] ? level : calm.highest,
        }
      : { count: 1, since: at, highest: level };
    if (held(state.calm, policy.resolveAfter, policy.resolveAfterDuration)) {
      const next = state.calm.highest;
      state.level = next;
      state.calm = null;
      if (next === 'none') {
        state.firedAt = null;
        emit('resolved', next, active);
      } else {
        emit('deescalated', next, active);
      }
      return { state, events };
    }
  } else {
    state.calm = null;
  }
  if (!observation.silenced) repeatIfDue(state, policy, at, emit);
  return { state, events };
}

function repeatIfDue(
  state: AlertState,
  policy: AlertPolicy,
  at: number,
  emit: (kind: AlertEventKind, level: AlertLevel, previousLevel: AlertLevel) => void,
): void {
  if (state.level === 'none') return;
  // Never sent (it fired during a silence): send it now that nothing silences it.
  if (state.lastSentAt === null || at - state.lastSentAt >= policy.repeatInterval)
    emit('repeated', state.level, state.level);
}
