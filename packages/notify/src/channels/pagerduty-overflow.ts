import { type AlertEvent, alertLevelRank } from '@slokit/core';
import { bySeverity } from '../message/alert-text.js';
import { eventHeadline, eventLevel, safeUrl, truncateText } from './alert-event-text.js';
import {
  type PagerdutyEvent,
  type PagerdutyEventOptions,
  type PagerdutySeverity,
  pagerdutyLimits,
} from './pagerduty-event.js';

/** At most this many Events API requests per batch: PagerDuty takes about 120 events a minute per routing key. */
export const pagerdutyEventsPerBatch = 100;

/** Omitted events named in the overflow note's details (`first_omitted`). */
const namedInNote = 50;

/**
 * The events of a batch that go to PagerDuty one by one, in the batch's order, and the ones left out: within
 * `limit`, all of them; past it, the `limit - 1` most severe, the rest summed up by `pagerdutyOverflowEvent`.
 */
export function pagerdutyEventSelection(
  events: readonly AlertEvent[],
  limit = pagerdutyEventsPerBatch,
): { sent: AlertEvent[]; omitted: AlertEvent[] } {
  if (events.length <= limit) return { sent: [...events], omitted: [] };
  const chosen = new Set(bySeverity(events).slice(0, limit - 1));
  return {
    sent: events.filter((event) => chosen.has(event)),
    omitted: events.filter((event) => !chosen.has(event)),
  };
}

/**
 * One alert that says what a batch left out, under its own dedup key (`<prefix>-overflow`, which no SLO's key can
 * be: those always hold a `:`), with the severity of the most severe omitted event. It is not resolved by slokit:
 * the omitted SLOs' own PagerDuty alerts are not updated by this batch, so someone should look.
 */
export function pagerdutyOverflowEvent(
  omitted: readonly AlertEvent[],
  options: PagerdutyEventOptions & { at: string; test: boolean },
): PagerdutyEvent {
  const resolved = omitted.filter((event) => event.kind === 'resolved').length;
  const firing = omitted.length - resolved;
  const count = new Intl.NumberFormat('en-US').format(omitted.length);
  const note = `${count} more SLO alert events of this sync were not sent to PagerDuty one by one (at most ${pagerdutyEventsPerBatch} per batch): ${firing} firing, ${resolved} resolved. Their PagerDuty alerts were not updated; see slokit's sync report.`;
  return {
    event_action: 'trigger',
    dedup_key: `${options.dedupKeyPrefix}${options.test ? '-test' : ''}-overflow`,
    payload: {
      summary: truncateText(
        `${options.test ? '[TEST] ' : ''}slokit: ${count} more SLO alert events not sent`,
        pagerdutyLimits.summary,
      ),
      source: options.source,
      severity: options.test ? 'info' : overflowSeverity(omitted, options),
      timestamp: options.at,
      component: 'slokit',
      ...(options.group ? { group: options.group } : {}),
      class: 'overflow',
      custom_details: {
        note,
        omitted: omitted.length,
        firing,
        resolved,
        first_omitted: omitted.slice(0, namedInNote).map((event) => truncateText(eventHeadline(event), 300)),
      },
    },
    client: 'slokit',
    ...(safeUrl(options.dashboardUrl) ? { client_url: safeUrl(options.dashboardUrl)! } : {}),
  };
}

function overflowSeverity(omitted: readonly AlertEvent[], options: PagerdutyEventOptions): PagerdutySeverity {
  const levels = omitted.filter((event) => event.kind !== 'resolved').map(eventLevel);
  if (levels.length === 0) return 'info';
  const highest = levels.reduce((top, level) => (alertLevelRank[level] > alertLevelRank[top] ? level : top));
  return highest === 'none' ? 'info' : options.severities[highest];
}
