import { describe, expect, it } from 'vitest';
import type { RouteConfig } from '../config/routing-schema.js';
import type { AlertEvent } from '../cycle/sync-result.js';
import { routeEvents } from './route-events.js';

function event(overrides: Partial<AlertEvent>): AlertEvent {
  return {
    id: 'e',
    kind: 'fired',
    level: 'warning',
    previousLevel: 'none',
    peakLevel: 'warning',
    at: '2026-11-26T14:00:00.000Z',
    slo: 'helpfulness',
    segment: '',
    groupBy: null,
    description: null,
    status: 'warning',
    value: 0.7,
    unit: 'percent',
    op: 'gte',
    target: 0.8,
    warning: 0.75,
    critical: 0.7,
    window: '1h',
    samples: 100,
    interval: null,
    budget: null,
    burnRates: [],
    previousValue: 0.78,
    worstExamples: [],
    runbook: null,
    labels: {},
    silencedBy: null,
    ...overrides,
  };
}

const routes: RouteConfig[] = [
  { match: { labels: { team: 'search' } }, to: ['search-slack'] },
  { match: { level: ['warning', 'critical'] }, to: ['team-slack'] },
  { match: { level: 'page' }, to: ['oncall', 'team-slack'], resolved: true },
  { match: { slo: 'cost', level: 'ticket' }, to: ['finance'], continue: true },
  { to: ['audit'] },
];

const route = (events: AlertEvent[]) =>
  Object.fromEntries(
    [...routeEvents(events, routes)].map(([channel, list]) => [channel, list.map((entry) => entry.id)]),
  );

describe('routeEvents', () => {
  it('sends each event to the first matching route', () => {
    expect(
      route([
        event({ id: 'w' }),
        event({ id: 'p', level: 'page' }),
        event({ id: 's', labels: { team: 'search' }, level: 'page' }),
      ]),
    ).toEqual({
      'team-slack': ['w', 'p'],
      oncall: ['p'],
      'search-slack': ['s'],
    });
  });

  it('goes on to later routes with continue, and falls through to a default route', () => {
    expect(route([event({ id: 'c', slo: 'cost', level: 'ticket' })])).toEqual({
      finance: ['c'],
      audit: ['c'],
    });
    expect(route([event({ id: 't', level: 'ticket' })])).toEqual({ audit: ['t'] });
  });

  it('routes a recovery to every channel that heard the alert at its peak', () => {
    // A page that calmed down to a warning, then resolved: the page route (PagerDuty) hears both steps.
    const deescalated = event({
      id: 'd',
      kind: 'deescalated',
      level: 'warning',
      previousLevel: 'page',
      peakLevel: 'page',
    });
    const resolved = event({
      id: 'r2',
      kind: 'resolved',
      level: 'none',
      previousLevel: 'warning',
      peakLevel: 'page',
    });
    expect(route([deescalated, resolved])).toEqual({ 'team-slack': ['d', 'r2'], oncall: ['d', 'r2'] });
    expect(
      Object.fromEntries(
        [
          ...routeEvents(
            [deescalated, resolved],
            [
              { match: { level: 'page' }, to: ['oncall'] },
              { match: { level: 'warning' }, to: ['chat'] },
            ],
          ),
        ].map(([channel, list]) => [channel, list.map((entry) => entry.id)]),
      ),
    ).toEqual({ oncall: ['d', 'r2'], chat: ['d', 'r2'] });
  });

  it('routes a resolution by the level it resolves, unless the route turns recoveries off', () => {
    expect(
      route([event({ id: 'r', kind: 'resolved', level: 'none', previousLevel: 'page', peakLevel: 'page' })]),
    ).toEqual({
      oncall: ['r'],
      'team-slack': ['r'],
    });
    expect(
      Object.fromEntries(
        routeEvents(
          [event({ kind: 'resolved', level: 'none', previousLevel: 'warning' })],
          [{ match: { level: 'warning' }, to: ['x'], resolved: false }],
        ),
      ),
    ).toEqual({});
  });

  it('sends silenced events nowhere', () => {
    expect(route([event({ silencedBy: 'silence abc: deploy' })])).toEqual({});
  });
});
