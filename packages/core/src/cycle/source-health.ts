import { type AlertState, initialAlertState, stepAlert } from '../alerting/alert-policy.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { fnv1a } from '../history/sli-definition.js';
import { type AlertPolicy, defaultAlertPolicy } from '../slo/alert-policy-settings.js';
import type { AlertEventRow, AlertStateRow } from '../state/state-store.js';
import { alertEventRow, alertStateKey } from './alert-decisions.js';
import type { AlertEvent } from './sync-result.js';

const sourceHealthPolicy: AlertPolicy = { ...defaultAlertPolicy, for: 1, resolveAfter: 1, pageAfter: null };

export interface SourceHealthInput {
  source: string;
  /** Why the source could not be read this cycle; null when it was read. */
  failure: string | null;
  /** The newest record ever counted from it (its watermark). */
  newestRecord: number | null;
}

/**
 * The health of a source as an alert of its own (`source:<name>`): critical while it cannot be read, warning when it
 * has returned nothing new for longer than `sync.staleAfter`, resolved when it is back.
 */
export function sourceHealth(
  input: SourceHealthInput,
  context: { now: number; cycleId: string; config: ResolvedConfig; alertStates: Map<string, AlertStateRow> },
): { events: AlertEvent[]; alertStates: AlertStateRow[]; alertEvents: AlertEventRow[] } {
  const { now } = context;
  const staleAfter = context.config.sync.staleAfterMs;
  const { failure, newestRecord } = input;
  const stale =
    failure === null &&
    staleAfter !== undefined &&
    (newestRecord === null || now - newestRecord > staleAfter);
  const status = failure !== null ? 'critical' : stale ? 'warning' : 'ok';
  const slo = `source:${input.source}`;
  const key = alertStateKey(slo, '');
  const previousRow = context.alertStates.get(key);
  if (previousRow === undefined && status === 'ok') return { events: [], alertStates: [], alertEvents: [] };
  const previous: AlertState = previousRow
    ? (JSON.parse(previousRow.state) as AlertState)
    : initialAlertState;
  const step = stepAlert(
    previous,
    { at: now, status, burn: null, value: null, silenced: false },
    sourceHealthPolicy,
  );
  const stateRow = { slo, segment: '', state: JSON.stringify(step.state), updatedAt: now };
  context.alertStates.set(key, stateRow);
  const description =
    failure !== null
      ? failure
      : stale
        ? `no new records since ${newestRecord === null ? 'the first sync' : new Date(newestRecord).toISOString()}`
        : `source '${input.source}' is healthy again`;
  const events = step.events.map(
    (transition): AlertEvent => ({
      id: fnv1a(`${context.cycleId}|${slo}|${transition.kind}|${transition.level}`),
      kind: transition.kind,
      level: transition.level,
      previousLevel: transition.previousLevel,
      peakLevel: transition.peakLevel,
      at: new Date(now).toISOString(),
      slo,
      segment: '',
      groupBy: null,
      description,
      status,
      value: null,
      unit: 'count',
      op: 'gte',
      target: 1,
      warning: null,
      critical: null,
      window: staleAfter === undefined ? null : `${Math.round(staleAfter / 60_000)}m`,
      samples: 0,
      interval: null,
      budget: null,
      burnRates: [],
      previousValue: null,
      worstExamples: [],
      runbook: null,
      labels: { source: input.source },
      silencedBy: null,
    }),
  );
  return { events, alertStates: [stateRow], alertEvents: events.map((event) => alertEventRow(event, now)) };
}
