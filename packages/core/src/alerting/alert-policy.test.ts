import { describe, expect, it } from 'vitest';
import { type AlertPolicy, defaultAlertPolicy } from '../slo/alert-policy-settings.js';
import type { SloStatus } from '../slo/slo-status.js';
import { type AlertState, stepAlert } from './alert-policy.js';

const minute = 60_000;

/** One evaluation every 5 simulated minutes; `B` marks a burn level, `S` a silenced evaluation. */
type Step = SloStatus | `${SloStatus}+page` | `${SloStatus}+ticket` | `S:${SloStatus}`;

function simulate(steps: Step[], policy: Partial<AlertPolicy> = {}) {
  const merged = { ...defaultAlertPolicy, ...policy };
  let state: AlertState | undefined;
  const log: string[] = [];
  steps.forEach((step, index) => {
    const silenced = step.startsWith('S:');
    const [status, burn] = (silenced ? step.slice(2) : step).split('+') as [
      SloStatus,
      'page' | 'ticket' | undefined,
    ];
    const result = stepAlert(
      state,
      { at: index * 5 * minute, status, burn: burn ?? null, value: null, silenced },
      merged,
    );
    state = result.state;
    for (const event of result.events) {
      log.push(
        `${index}:${event.kind}:${event.previousLevel}->${event.level}${event.silenced ? ':silenced' : ''}`,
      );
    }
  });
  return { log, state: state! };
}

describe('stepAlert', () => {
  it.each<[string, Step[], Partial<AlertPolicy>, string[]]>([
    ['never fires on the first breaching evaluation', ['ok', 'warning', 'ok', 'ok'], {}, []],
    ['fires on the second consecutive breach', ['ok', 'warning', 'warning'], {}, ['2:fired:none->warning']],
    [
      'fires on the third with for: 3',
      ['warning', 'warning', 'warning'],
      { for: 3 },
      ['2:fired:none->warning'],
    ],
    [
      'needs the duration too with forDuration',
      ['warning', 'warning', 'warning', 'warning'],
      { forDuration: 15 * minute },
      ['3:fired:none->warning'],
    ],
    ['at_risk is not an alert', ['at_risk', 'at_risk', 'at_risk'], {}, []],
    [
      'escalates warning -> critical -> page as distinct events',
      [
        'warning',
        'warning',
        'critical',
        'critical',
        'critical',
        'critical',
        'critical',
        'critical',
        'critical',
        'critical',
      ],
      {},
      ['1:fired:none->warning', '3:escalated:warning->critical', '9:escalated:critical->page'],
    ],
    ['fires at the level held throughout the streak', ['critical', 'warning'], {}, ['1:fired:none->warning']],
    ['pages on a fast burn', ['ok+page', 'ok+page'], {}, ['1:fired:none->page']],
    ['tickets on a slow burn', ['at_risk+ticket', 'at_risk+ticket'], {}, ['1:fired:none->ticket']],
    [
      'never pages from the objective without pageAfter',
      Array(20).fill('critical'),
      { pageAfter: null },
      ['1:fired:none->critical'],
    ],
    [
      'resolves only on the second consecutive good evaluation (hysteresis)',
      ['warning', 'warning', 'ok', 'warning', 'ok', 'ok'],
      {},
      ['1:fired:none->warning', '5:resolved:warning->none'],
    ],
    [
      'de-escalates after calm at a lower level',
      ['critical', 'critical', 'warning', 'warning', 'ok', 'ok'],
      { pageAfter: null },
      ['1:fired:none->critical', '3:deescalated:critical->warning', '5:resolved:warning->none'],
    ],
    [
      'de-escalates to the highest level seen while calm',
      ['critical', 'critical', 'ok', 'warning'],
      { pageAfter: null },
      ['1:fired:none->critical', '3:deescalated:critical->warning'],
    ],
    [
      'repeats an unchanged alert after repeatInterval only',
      ['warning', 'warning', 'warning', 'warning', 'warning', 'warning'],
      { repeatInterval: 15 * minute },
      ['1:fired:none->warning', '4:repeated:warning->warning'],
    ],
    [
      'records silenced events without sending, then sends once the silence ends',
      ['S:warning', 'S:warning', 'S:warning', 'warning'],
      {},
      ['1:fired:none->warning:silenced', '3:repeated:warning->warning'],
    ],
    [
      'keeps the state through no data by default',
      ['warning', 'warning', 'no_data', 'no_data', 'no_data'],
      {},
      ['1:fired:none->warning'],
    ],
    [
      'resolves on no data with noData: ok',
      ['warning', 'warning', 'no_data', 'no_data'],
      { noData: 'ok' },
      ['1:fired:none->warning', '3:resolved:warning->none'],
    ],
    [
      'alerts on missing data with noData: alert',
      ['insufficient_data', 'no_data'],
      { noData: 'alert' },
      ['1:fired:none->warning'],
    ],
  ])('%s', (_name, steps, policy, expected) => {
    expect(simulate(steps, policy).log).toEqual(expected);
  });

  it('keeps what it needs between evaluations as plain JSON', () => {
    const { state } = simulate(['warning', 'warning', 'critical']);
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
    expect(state).toMatchObject({
      level: 'warning',
      firedAt: 5 * minute,
      lastSentAt: 5 * minute,
      criticalSince: 10 * minute,
    });
  });

  it('does not mutate the previous state', () => {
    const first = stepAlert(
      undefined,
      { at: 0, status: 'warning', burn: null, value: 1, silenced: false },
      defaultAlertPolicy,
    );
    const snapshot = JSON.stringify(first.state);
    stepAlert(
      first.state,
      { at: 1, status: 'warning', burn: null, value: 2, silenced: false },
      defaultAlertPolicy,
    );
    expect(JSON.stringify(first.state)).toBe(snapshot);
  });
});
