import type { AlertBatch } from '../channel/channel.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import type { AlertEvent } from '../cycle/sync-result.js';
import { fnv1a } from '../history/sli-definition.js';
import type { OutboxRow } from '../state/state-store.js';
import { routeEvents } from './route-events.js';

/** One outbox row per channel that a route sends this cycle's events to: the batch, never the channel's secrets. */
export function outboxRows(
  config: ResolvedConfig,
  events: AlertEvent[],
  refreshEvents: AlertEvent[],
  cycleId: string,
  now: number,
): OutboxRow[] {
  const rows: OutboxRow[] = [];
  const routed = routeEvents(events, config.routes);
  for (const [channel, refreshed] of routeEvents(refreshEvents, config.routes)) {
    if (config.channels[channel]?.type !== 'alertmanager') continue;
    routed.set(channel, [...(routed.get(channel) ?? []), ...refreshed]);
  }
  for (const [channel, routedEvents] of routed) {
    // Channels with a schedule (a daily email) get the period's report instead of single alerts.
    if (config.channels[channel]?.schedule !== undefined) continue;
    const batch: AlertBatch = {
      id: fnv1a(`${cycleId}|${channel}`),
      cycleId,
      at: new Date(now).toISOString(),
      channel,
      events: routedEvents,
    };
    rows.push({
      id: batch.id,
      channel,
      payload: JSON.stringify(batch),
      createdAt: now,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      lastError: null,
    });
  }
  return rows;
}
