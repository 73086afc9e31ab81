import type { RouteConfig } from '../config/routing-schema.js';
import type { AlertEvent } from '../cycle/sync-result.js';

const asList = <T>(value: T | T[] | undefined): T[] | undefined =>
  value === undefined ? undefined : Array.isArray(value) ? value : [value];

/** Whether a route's `match` holds for an event at a level: level, SLO name, segment and labels, all given ones. */
export function routeMatches(route: RouteConfig, event: AlertEvent, level: string = event.level): boolean {
  const match = route.match;
  if (!match) return true;
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

/** The channels the routes send an event at one level to: first match wins unless `continue: true`. */
function channelsFor(event: AlertEvent, level: string, routes: readonly RouteConfig[]): Set<string> {
  const channels = new Set<string>();
  for (const route of routes) {
    if (!routeMatches(route, event, level)) continue;
    if (!(event.kind === 'resolved' && route.resolved === false))
      for (const channel of route.to) channels.add(channel);
    if (!route.continue) break;
  }
  return channels;
}

/**
 * Routes a cycle's events to channels, like Alertmanager: routes are tried in order, the first that matches takes
 * the event unless it says `continue: true`; `resolved: false` keeps recovery messages off a route. A recovery
 * (resolution or de-escalation) goes to every channel that heard the alert: it is routed at the level it leaves and
 * at the alert's peak, so the page route's PagerDuty gets the resolve of a page that first calmed to a
 * warning. Silenced events go nowhere. Returns the events per channel, in the order they came.
 */
export function routeEvents(
  events: readonly AlertEvent[],
  routes: readonly RouteConfig[],
): Map<string, AlertEvent[]> {
  const byChannel = new Map<string, AlertEvent[]>();
  for (const event of events) {
    if (event.silencedBy !== null) continue;
    const recovery = event.kind === 'resolved' || event.kind === 'deescalated';
    const levels = recovery ? levelsUpTo(event) : [event.level];
    const channels = new Set<string>();
    for (const level of levels)
      for (const channel of channelsFor(event, level, routes)) channels.add(channel);
    for (const channel of channels) {
      const list = byChannel.get(channel) ?? [];
      list.push(event);
      byChannel.set(channel, list);
    }
  }
  return byChannel;
}

/** The levels a recovering alert is known to have been at: the one it leaves, its peak, and (de-escalating) the new one. */
function levelsUpTo(event: AlertEvent): string[] {
  const levels = new Set<string>([event.previousLevel, event.peakLevel]);
  if (event.kind === 'deescalated') levels.add(event.level);
  levels.delete('none');
  return [...levels];
}
