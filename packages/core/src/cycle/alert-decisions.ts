import {
  type AlertState,
  type AlertTransition,
  initialAlertState,
  stepAlert,
} from '../alerting/alert-policy.js';
import type { BurnRateResult, PeriodBudget } from '../budget/period-budget.js';
import type { WorstExample } from '../evaluation/worst-examples.js';
import { fnv1a } from '../history/sli-definition.js';
import type { SloReport } from '../report/report.js';
import { type AlertLevel, type AlertPolicy, alertLevelRank } from '../slo/alert-policy-settings.js';
import type { BurnLevel } from '../slo/burn-rate-rules.js';
import type { AlertEventRow, AlertStateRow, EvaluationRow } from '../state/state-store.js';
import type { AlertEvent } from './sync-result.js';

/** What the alert policy needs to know of one SLO's evaluation this cycle. */
export interface AlertSubject {
  report: SloReport;
  budget: PeriodBudget | null;
  burnRates: BurnRateResult[];
  worstExamples: WorstExample[];
  policy: AlertPolicy;
}

/** The cycle's memory of alerts: previous states (updated in place) and what silences what. */
export interface AlertContext {
  now: number;
  cycleId: string;
  alertStates: Map<string, AlertStateRow>;
  /** Why a segment ('' for the whole SLO) is silenced now, or undefined. */
  silencedBy: (slo: string, segment: string) => string | undefined;
}

/** What the policy decided: rows to commit, events to send, active alerts to re-post, the SLO's level. */
export interface AlertDecisions {
  alertLevel: AlertLevel;
  events: AlertEvent[];
  /** Still-active alerts without an event this cycle: re-posted to channels that expect that (Alertmanager). */
  refreshEvents: AlertEvent[];
  alertStates: AlertStateRow[];
  evaluations: EvaluationRow[];
  alertEvents: AlertEventRow[];
}

interface Target {
  segment: string;
  status: SloReport['status'];
  value: number | null;
  samples: number;
  interval: SloReport['interval'];
  burn: BurnLevel | null;
}

export const alertStateKey = (slo: string, segment: string) => `${slo}\u0000${segment}`;

/** The alert policy for an SLO as a whole, then each segment with the same policy (burn rates apply to the whole). */
export function decideAlerts(subject: AlertSubject, context: AlertContext): AlertDecisions {
  const { report } = subject;
  const decisions: AlertDecisions = {
    alertLevel: 'none',
    events: [],
    refreshEvents: [],
    alertStates: [],
    evaluations: [],
    alertEvents: [],
  };
  const highestBurn =
    subject.burnRates
      .filter((burn) => burn.firing)
      .sort((a, b) => alertLevelRank[b.level] - alertLevelRank[a.level])[0]?.level ?? null;
  const targets: Target[] = [
    { segment: '', ...pickTarget(report), burn: highestBurn },
    ...(report.segments ?? []).map((segment) => ({
      segment: segment.key,
      ...pickTarget(segment),
      burn: null,
    })),
  ];
  for (const target of targets) decideTarget(subject, target, context, decisions);
  return decisions;
}

function pickTarget(entry: Pick<SloReport, 'status' | 'value' | 'samples' | 'interval'>) {
  return { status: entry.status, value: entry.value, samples: entry.samples, interval: entry.interval };
}

function decideTarget(
  subject: AlertSubject,
  target: Target,
  context: AlertContext,
  decisions: AlertDecisions,
) {
  const { report } = subject;
  const { now } = context;
  const key = alertStateKey(report.name, target.segment);
  const previousRow = context.alertStates.get(key);
  const previous: AlertState = previousRow
    ? (JSON.parse(previousRow.state) as AlertState)
    : initialAlertState;
  const silenced = context.silencedBy(report.name, target.segment);
  const observation = {
    at: now,
    status: target.status,
    burn: target.burn,
    value: target.value,
    silenced: silenced !== undefined,
  };
  const step = stepAlert(previous, observation, subject.policy);
  if (target.segment === '') decisions.alertLevel = step.state.level;
  const stateRow = {
    slo: report.name,
    segment: target.segment,
    state: JSON.stringify(step.state),
    updatedAt: now,
  };
  decisions.alertStates.push(stateRow);
  context.alertStates.set(key, stateRow);
  const whole = target.segment === '';
  decisions.evaluations.push({
    slo: report.name,
    segment: target.segment,
    at: now,
    status: target.status,
    value: target.value,
    samples: target.samples,
    budgetRemaining: whole ? (subject.budget?.remaining ?? null) : null,
    level: step.state.level,
    details: JSON.stringify(
      whole
        ? { interval: target.interval, budget: subject.budget, burnRates: subject.burnRates }
        : { interval: target.interval },
    ),
  });
  // An alert that stays active without an event this cycle is still re-posted to Alertmanager-type channels,
  // which expect firing alerts every cycle; other channels keep their repeat interval.
  if (step.events.length === 0 && step.state.level !== 'none' && silenced === undefined) {
    const level = step.state.level;
    const refresh = {
      kind: 'repeated',
      level,
      previousLevel: level,
      peakLevel: step.state.peak ?? level,
    } as const;
    decisions.refreshEvents.push(alertEvent(subject, target, refresh, previous, silenced, context));
    return;
  }
  for (const transition of step.events) {
    const event = alertEvent(subject, target, transition, previous, silenced, context);
    decisions.events.push(event);
    decisions.alertEvents.push(alertEventRow(event, now));
  }
}

function alertEvent(
  subject: AlertSubject,
  target: Target,
  transition: Pick<AlertTransition, 'kind' | 'level' | 'previousLevel' | 'peakLevel'>,
  previous: AlertState,
  silenced: string | undefined,
  context: AlertContext,
): AlertEvent {
  const { report } = subject;
  const whole = target.segment === '';
  return {
    id: fnv1a(`${context.cycleId}|${report.name}|${target.segment}|${transition.kind}|${transition.level}`),
    kind: transition.kind,
    level: transition.level,
    previousLevel: transition.previousLevel,
    peakLevel: transition.peakLevel,
    at: new Date(context.now).toISOString(),
    slo: report.name,
    segment: target.segment,
    groupBy: report.groupBy,
    description: report.description,
    status: target.status,
    value: target.value,
    unit: report.unit,
    op: report.op,
    target: report.target,
    warning: report.warning,
    critical: report.critical,
    window: report.window,
    samples: target.samples,
    interval: target.interval,
    budget: whole ? subject.budget : null,
    burnRates: whole ? subject.burnRates : [],
    previousValue: previous.lastValue,
    worstExamples: subject.worstExamples,
    runbook: report.runbook,
    labels: report.labels,
    silencedBy: silenced ?? null,
  };
}

/** The stored row of an alert event: its payload is the event as channels receive it. */
export function alertEventRow(event: AlertEvent, now: number): AlertEventRow {
  return {
    id: event.id,
    slo: event.slo,
    segment: event.segment,
    at: now,
    kind: event.kind,
    level: event.level,
    silenced: event.silencedBy !== null,
    payload: JSON.stringify(event),
  };
}
