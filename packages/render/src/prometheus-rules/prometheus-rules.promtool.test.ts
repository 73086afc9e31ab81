import { resolveConfig } from '@slokit/core';
import { describe, expect, it } from 'vitest';
import { generatePrometheusRules } from './generate-prometheus-rules.js';
import { renderPrometheusRules } from './render-prometheus-rules.js';
import { checkRules, testRules } from './test-support/run-promtool.js';
import {
  type CounterSegment,
  counterValues,
  type GaugeSegment,
  gaugeValues,
} from './test-support/series-values.js';

// Debian's promtool evaluates the exported rules over series a scrape of `slokit serve` would give; every scenario
// is a fixture written here. The thresholds: availability allows 0.1 % bad events, helpfulness 1 % bad 5-minute slices.
const hostileLabel = 'x"} or vector(1)\n{{ .Bad }}';
const config = resolveConfig(
  {
    version: 1,
    sources: { prod: { type: 'memory' } },
    slos: [
      {
        name: 'availability',
        description: 'Share of requests answered.',
        sli: { ratio: { good: { field: 'status', equals: 'success' } } },
        objective: { op: 'gte', target: 0.999 },
        window: '30d',
        labels: { team: 'bots' },
        runbook: 'https://wiki.example.com/runbooks/availability',
      },
      {
        name: 'helpfulness',
        sli: { metric: 'scores.helpfulness', aggregate: 'mean' },
        objective: { op: 'gte', target: 0.8 },
        window: '30d',
      },
      {
        name: 'team/bot.v2',
        description: `Hostile {{ $value }} "text"\nover two lines`,
        sli: { ratio: { good: { field: 'status', equals: 'success' } } },
        objective: { op: 'gte', target: 0.99 },
        window: '30d',
        labels: { 'team-name': hostileLabel },
      },
    ],
  },
  { file: 'slokit.yaml', baseDir: '/' },
);
const rules = renderPrometheusRules(generatePrometheusRules(config).file);

const page = 'page';
const ticket = 'ticket';
type Severity = typeof page | typeof ticket;
const pageWindows = '1h and 5m above 14.4x, or 6h and 30m above 6x.';
const ticketWindows = '1d and 2h above 3x, or 3d and 6h above 1x.';

function expectedAlert(slo: string, severity: Severity) {
  const windows = severity === page ? pageWindows : ticketWindows;
  if (slo === 'availability') {
    return {
      exp_labels: { slo, severity, team: 'bots' },
      exp_annotations: {
        summary: 'SLO availability burns its 30d error budget too fast',
        description: `Share of requests answered. The error budget (0.1 % of events over 30d) burns too fast: ${windows}`,
        runbook_url: 'https://wiki.example.com/runbooks/availability',
      },
    };
  }
  if (slo === 'helpfulness') {
    return {
      exp_labels: { slo, severity },
      exp_annotations: {
        summary: 'SLO helpfulness burns its 30d error budget too fast',
        description: `The error budget (1 % of time slices over 30d) burns too fast: ${windows}`,
      },
    };
  }
  return {
    exp_labels: { slo, severity, team_name: hostileLabel },
    exp_annotations: {
      summary: 'SLO team/bot.v2 burns its 30d error budget too fast',
      description: `Hostile {{ $value }} "text"\nover two lines. The error budget (1 % of events over 30d) burns too fast: ${windows}`,
    },
  };
}

/** The burn-rate alerts firing at `evalTime`, exactly: promtool fails on a missing or an extra alert. */
function firing(evalTime: string, alerts: Array<[slo: string, severity: Severity]>) {
  return {
    eval_time: evalTime,
    alertname: 'SlokitErrorBudgetBurn',
    exp_alerts: alerts.map(([slo, severity]) => expectedAlert(slo, severity)),
  };
}

function ratioSeries(slo: string, events: CounterSegment[], good: CounterSegment[]) {
  return [
    { series: `slokit_slo_events_total{slo=${JSON.stringify(slo)}}`, values: counterValues(events) },
    { series: `slokit_slo_good_events_total{slo=${JSON.stringify(slo)}}`, values: counterValues(good) },
  ];
}

function valueSeries(values: GaugeSegment[]) {
  return [
    { series: 'slokit_slo_sli_value{slo="helpfulness", segment=""}', values: gaugeValues(values) },
    // Segments of the SLO are series of their own; only the whole SLO's value counts.
    {
      series: 'slokit_slo_sli_value{slo="helpfulness", segment="gpt-x"}',
      values: gaugeValues([[10081, 0.1]]),
    },
  ];
}

async function expectPromtoolPasses(
  inputSeries: Array<{ series: string; values: string }>,
  alertRuleTests: Array<ReturnType<typeof firing>>,
  evaluationInterval = '5m',
) {
  const run = await testRules(rules, {
    evaluation_interval: evaluationInterval,
    tests: [{ interval: '1m', input_series: inputSeries, alert_rule_test: alertRuleTests }],
  });
  expect(run.output).toContain('SUCCESS');
  expect(run.code).toBe(0);
}

const day = 1440;
const healthy = 1000;
const timeout = 240_000;
const everyTwelveHoursOfAWeek = Array.from({ length: 14 }, (_, index) => `${(index + 1) * 12}h`);
// Nothing may fire at any check of a quiet week; evaluating every 15 minutes keeps a week of rules cheap under load.
const quietWeekEvaluation = '15m';

describe('the exported rules under promtool', () => {
  it(
    'pass promtool check rules, hostile labels and descriptions included',
    async () => {
      const run = await checkRules(rules);
      expect(run.output).toContain('SUCCESS: 35 rules found');
      expect(run.code).toBe(0);
    },
    timeout,
  );

  describe('a ratio SLO (99.9 % of 1000 events a minute)', () => {
    it(
      'a healthy week at 0.05 % errors (0.5x): no alert',
      async () => {
        await expectPromtoolPasses(
          ratioSeries('availability', [[7 * day, healthy]], [[7 * day, 999.5]]),
          everyTwelveHoursOfAWeek.map((time) => firing(time, [])),
          quietWeekEvaluation,
        );
      },
      timeout,
    );

    it(
      'a fast burn (5 % errors for an hour after a healthy day) pages within 30 minutes and resets',
      async () => {
        await expectPromtoolPasses(
          ratioSeries(
            'availability',
            [[day + 240, healthy]],
            [
              [day, 999.5],
              [60, 950],
              [180, 999.5],
            ],
          ),
          [
            firing('1d10m', []),
            firing('1d30m', [
              ['availability', page],
              ['availability', ticket],
            ]),
            // 35 minutes after the burn stopped the 30m window is clean: the page resolves, the 3d ticket stays.
            firing('1d1h35m', [['availability', ticket]]),
          ],
        );
      },
      timeout,
    );

    it(
      'a slow burn (0.5 % errors, 5x) opens a ticket after some hours and never pages',
      async () => {
        await expectPromtoolPasses(
          ratioSeries(
            'availability',
            [[3 * day, healthy]],
            [
              [day, 999.5],
              [2 * day, 995],
            ],
          ),
          [
            firing('1d2h', []),
            firing('1d4h', [['availability', ticket]]),
            firing('3d', [['availability', ticket]]),
          ],
        );
      },
      timeout,
    );

    it(
      'a blip (one minute at 20 % errors) alerts on nothing',
      async () => {
        await expectPromtoolPasses(
          ratioSeries(
            'availability',
            [[3 * day, healthy]],
            [
              [2 * day, 999.5],
              [1, 800],
              [day - 1, 999.5],
            ],
          ),
          [firing('2d5m', []), firing('2d30m', []), firing('2d2h', [])],
        );
      },
      timeout,
    );

    it(
      'does not page on a burn over fewer events than minEvents (10) in the short windows',
      async () => {
        // One event in 10 minutes, half of them bad: 3 events in 30 minutes is below the guard of both pages; the
        // tickets' 2h and 6h windows hold enough events.
        await expectPromtoolPasses(
          ratioSeries(
            'availability',
            [[day + 60, 0.1]],
            [
              [day, 0.1],
              [60, 0.05],
            ],
          ),
          [firing('1d30m', [['availability', ticket]])],
        );
      },
      timeout,
    );
  });

  describe('a value SLI (mean helpfulness >= 0.8 in 99 % of 5-minute slices)', () => {
    it(
      'a healthy week at 0.85: no alert',
      async () => {
        await expectPromtoolPasses(
          valueSeries([[7 * day + 1, 0.85]]),
          everyTwelveHoursOfAWeek.map((time) => firing(time, [])),
          quietWeekEvaluation,
        );
      },
      timeout,
    );

    it(
      'a fast burn (0.5 for two hours) pages within 30 minutes and resets',
      async () => {
        await expectPromtoolPasses(
          valueSeries([
            [day + 1, 0.85],
            [120, 0.5],
            [240, 0.85],
          ]),
          [
            firing('1d5m', []),
            firing('1d30m', [
              ['helpfulness', page],
              ['helpfulness', ticket],
            ]),
            firing('1d2h40m', [['helpfulness', ticket]]),
          ],
        );
      },
      timeout,
    );

    it(
      'a slow burn (one bad slice in 20, 5x) opens a ticket and never pages',
      async () => {
        const cycle: GaugeSegment[] = [
          [4, 0.85],
          [5, 0.5],
          [91, 0.85],
        ];
        await expectPromtoolPasses(
          valueSeries([[day + 1, 0.85], ...Array.from({ length: 29 }, () => cycle).flat()]),
          [firing('1d2h', []), firing('2d', [['helpfulness', ticket]])],
        );
      },
      timeout,
    );

    it(
      'a blip (one bad slice) alerts on nothing',
      async () => {
        await expectPromtoolPasses(
          valueSeries([
            [2 * day + 5, 0.85],
            [5, 0.5],
            [day, 0.85],
          ]),
          [firing('2d5m', []), firing('2d30m', []), firing('2d2h', [])],
        );
      },
      timeout,
    );
  });

  it(
    'carries hostile labels and descriptions into the alert literally',
    async () => {
      await expectPromtoolPasses(
        ratioSeries(
          'team/bot.v2',
          [[day + 60, healthy]],
          [
            [day, 999],
            [60, 500],
          ],
        ),
        [
          firing('1d30m', [
            ['team/bot.v2', page],
            ['team/bot.v2', ticket],
          ]),
        ],
      );
    },
    timeout,
  );
});
