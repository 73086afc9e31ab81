import type { AlertEvent } from '../sync/sync-result.js';
import type { RouteConfig } from './routing-schema.js';

const asList = <T>(value: T | T[] | undefined): T[] | undefined =>
  value === undefined ? undefined : Array.isArray(value) ? value : [value];

/** Whether a route's `match` holds for an event: level, SLO name, segment and labels, all given ones at once. */
export function routeMatches(route: RouteConfig, event: AlertEvent): boolean {
  const match = route.match;
  if (!match) return true;
  // A resolution matches on the level it resolves, so it reaches the channels that heard the alert.
  const level = event.kind === 'resolved' ? event.previousLevel : event.level;
  const levels = asList(match.level);
  if (levels && !levels.includes(level as never)) return false;
  const slos = asList(match.slo);
  if (slos && !slos.includes(event.slo)) return false;
  const segments = asList(match.segment);
  if (segments && !segments.includes(event.segment)) return false;
  for (const [key, value] of Object.entries(match.labels ?? {}))
    if (event.labels[key] !== value) return false;
  return true;
}

/**
 * Routes a cycle's events to channels, like Alertmanager: routes are tried in order, the first that matches takes
 * the event unless it says `continue: true`; `resolved: false` keeps recovery messages off a route. Silenced events
 * go nowhere. Returns the events per channel, in the order they came.
 */
export function routeEvents(
  events: readonly AlertEvent[],
  routes: readonly RouteConfig[],
): Map<string, AlertEvent[]> {
  const byChannel = new Map<string, AlertEvent[]>();
  for (const event of events) {
    if (event.silencedBy !== null) continue;
    const channels = new Set<string>();
    for (const route of routes) {
      if (!routeMatches(route, event)) continue;
      if (!(event.kind === 'resolved' && route.resolved === false))
        for (const channel of route.to) channels.add(channel);
      if (!route.continue) break;
    }
    for (const channel of channels) {
      const list = byChannel.get(channel) ?? [];
      list.push(event);
      byChannel.set(channel, list);
    }
  }
  return byChannel;
}
