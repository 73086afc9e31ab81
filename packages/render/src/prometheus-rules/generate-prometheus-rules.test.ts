import { ConfigError, resolveConfig } from '@slokit/core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generatePrometheusRules } from './generate-prometheus-rules.js';
import type { PrometheusAlertingRule, PrometheusRecordingRule } from './prometheus-rule-file.js';
import { renderPrometheusRules } from './render-prometheus-rules.js';

function configWith(slos: unknown[]) {
  return resolveConfig(
    { version: 1, sources: { prod: { type: 'memory' } }, slos },
    { file: 'slokit.yaml', baseDir: '/' },
  );
}

const availability = {
  name: 'availability',
  sli: { ratio: { good: { field: 'status', equals: 'success' } } },
  objective: { op: 'gte', target: 0.999 },
  window: '30d',
};

function alertsOf(slos: unknown[]): PrometheusAlertingRule[] {
  const { file } = generatePrometheusRules(configWith(slos));
  return file.groups.flatMap((group) => group.rules).filter((rule) => 'alert' in rule);
}

function factorsOf(alert: PrometheusAlertingRule): string[] {
  return [...alert.expr.matchAll(/> ([0-9.e-]+)\)/g)].map((match) => match[1]!);
}

describe('generatePrometheusRules', () => {
  it('records the error ratio of a ratio SLO over the workbook windows and its period, in one group', () => {
    const { file, notes } = generatePrometheusRules(configWith([availability]));
    expect(notes).toEqual([]);
    expect(file.groups.map((group) => group.name)).toEqual(['slokit-slo-availability']);
    const recording = file.groups[0]!.rules.filter(
      (rule): rule is PrometheusRecordingRule => 'record' in rule,
    );
    expect(recording.map((rule) => rule.record)).toEqual([
      'slokit:slo_events:rate5m',
      'slokit:slo_bad_events:rate5m',
      ...['5m', '30m', '1h', '2h', '6h', '1d', '3d', '30d'].map(
        (window) => `slokit:slo_error:ratio_rate${window}`,
      ),
    ]);
    const events = 'sum(rate(slokit_slo_events_total{slo="availability"}[5m]))';
    const good = 'sum(rate(slokit_slo_good_events_total{slo="availability"}[5m]))';
    const labels = { slo: 'availability', window: '5m' };
    expect(recording.slice(0, 3)).toEqual([
      { record: 'slokit:slo_events:rate5m', expr: events, labels },
      { record: 'slokit:slo_bad_events:rate5m', expr: `(${events} - ${good})`, labels },
      { record: 'slokit:slo_error:ratio_rate5m', expr: `(${events} - ${good}) / ${events}`, labels },
    ]);
    // The period sums the recorded 5-minute rates: a 30-day range over raw samples is too heavy a query.
    expect(recording.at(-1)).toEqual({
      record: 'slokit:slo_error:ratio_rate30d',
      expr: 'sum_over_time(slokit:slo_bad_events:rate5m{slo="availability"}[30d]) / sum_over_time(slokit:slo_events:rate5m{slo="availability"}[30d])',
      labels: { slo: 'availability', window: '30d' },
    });
  });

  it('pages at 14.4x (1h, 5m) and 6x (6h, 30m) and tickets at 3x (1d, 2h) and 1x (3d, 6h) for 30 days', () => {
    const [page, ticket] = alertsOf([
      { ...availability, labels: { team: 'bots' }, runbook: 'https://x.test/rb' },
    ]);
    expect(page!.labels).toEqual({ team: 'bots', severity: 'page' });
    expect(factorsOf(page!)).toEqual(['14.4', '14.4', '6', '6']);
    expect(page!.expr).toContain('slokit:slo_error:ratio_rate1h{slo="availability"}) / 0.001 > 14.4');
    expect(page!.expr).toContain('slokit:slo_error:ratio_rate30m{slo="availability"}) / 0.001 > 6');
    expect(page!.expr).toContain('(sum(increase(slokit_slo_events_total{slo="availability"}[5m])) >= 10)');
    expect(ticket!.labels).toEqual({ team: 'bots', severity: 'ticket' });
    expect(factorsOf(ticket!)).toEqual(['3', '3', '1', '1']);
    expect(ticket!.expr).toContain('slokit:slo_error:ratio_rate1d{slo="availability"}) / 0.001 > 3');
    expect(ticket!.expr).toContain('slokit:slo_error:ratio_rate6h{slo="availability"}) / 0.001 > 1');
    expect(page!.annotations).toEqual({
      summary: 'SLO {{ $labels.slo }} burns its 30d error budget too fast',
      description:
        'The error budget (0.1 % of events over 30d) burns too fast: 1h and 5m above 14.4x, or 6h and 30m above 6x.',
      runbook_url: 'https://x.test/rb',
    });
  });

  it('scales the factors to other periods as core does (28 days: 13.44, 5.6, 2.8, 0.933333)', () => {
    const [page, ticket] = alertsOf([{ ...availability, window: '4w' }]);
    expect(factorsOf(page!)).toEqual(['13.44', '13.44', '5.6', '5.6']);
    expect(factorsOf(ticket!)).toEqual(['2.8', '2.8', '0.933333', '0.933333']);
  });

  it('adds the 1d ticket to the rules core derives for short periods (7 days: 3.36, 1.4, 0.7, 0.233333)', () => {
    const [page, ticket] = alertsOf([{ ...availability, window: '7d' }]);
    expect(factorsOf(page!)).toEqual(['3.36', '3.36', '1.4', '1.4']);
    expect(factorsOf(ticket!)).toEqual(['0.7', '0.7', '0.233333', '0.233333']);
  });

  it('alerts on nothing core does not: a 2-day period has no workbook rule', () => {
    const { notes } = generatePrometheusRules(configWith([{ ...availability, window: '2d' }]));
    expect(alertsOf([{ ...availability, window: '2d' }])).toEqual([]);
    expect(notes).toEqual([
      "SLO 'availability': recording rules only, no burn-rate alerts: no burn-rate rule applies (alerting.burnRates is false, or the period is too short for the workbook's)",
    ]);
  });

  it("uses an SLO's own burn-rate rules as they are", () => {
    const alerts = alertsOf([
      {
        ...availability,
        alerting: { burnRates: [{ level: 'page', long: '90m', short: '7.5m', factor: 10 }], minEvents: 0 },
      },
    ]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.expr).toBe(
      [
        '(',
        '  (max without (window) (slokit:slo_error:ratio_rate1h30m{slo="availability"}) / 0.001 > 10)',
        '  and',
        '  (max without (window) (slokit:slo_error:ratio_rate7m30s{slo="availability"}) / 0.001 > 10)',
        ')',
      ].join('\n'),
    );
    const { file } = generatePrometheusRules(
      configWith([
        {
          ...availability,
          alerting: { burnRates: [{ level: 'page', long: '90m', short: '7.5m', factor: 10 }] },
        },
      ]),
    );
    const windows = file.groups[0]!.rules.flatMap((rule) =>
      'record' in rule && rule.record.startsWith('slokit:slo_error:') ? [rule.labels.window] : [],
    );
    expect(windows).toEqual(['5m', '7m30s', '30m', '1h', '1h30m', '2h', '6h', '1d', '3d', '30d']);
  });

  it('counts bad 5-minute slices of a value SLI against its objective and the time-slice target', () => {
    const { file } = generatePrometheusRules(
      configWith([
        {
          name: 'p95-latency',
          sli: { metric: 'latency_ms', aggregate: 'p95' },
          objective: { op: 'lte', target: 2000 },
          window: '30d',
          timeSliceTarget: 0.95,
        },
      ]),
    );
    const [first, second, ...rest] = file.groups[0]!.rules;
    expect(first).toEqual({
      record: 'slokit:slo_bad_slice:bool',
      expr: 'max(slokit_slo_sli_value{slo="p95-latency", segment=""}) > bool 2000',
      labels: { slo: 'p95-latency' },
    });
    expect(second).toEqual({
      record: 'slokit:slo_bad_slices:ratio_avg5m',
      expr: 'avg_over_time(slokit:slo_bad_slice:bool{slo="p95-latency"}[5m])',
      labels: { slo: 'p95-latency', window: '5m' },
    });
    const page = rest.find((rule): rule is PrometheusAlertingRule => 'alert' in rule)!;
    expect(page.expr).toContain('slokit:slo_bad_slices:ratio_avg1h{slo="p95-latency"}) / 0.05 > 14.4');
    expect(page.expr).not.toContain('increase');
  });

  it('keeps the recording rules and says why when an SLO gets no alerts', () => {
    const { file, notes } = generatePrometheusRules(
      configWith([
        { ...availability, name: 'hourly', window: '1h' },
        { ...availability, name: 'off', alerting: { burnRates: false } },
        { ...availability, name: 'perfect', objective: { op: 'gte', target: 1 } },
        {
          name: 'faithfulness',
          sli: { evalMetric: 'faithfulness' },
          objective: { target: 0.8 },
          window: '30d',
        },
      ]),
    );
    expect(file.groups.map((group) => group.rules.some((rule) => 'alert' in rule))).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(file.groups.map((group) => group.rules.length)).toEqual([9, 10, 10, 9]);
    expect(notes).toEqual([
      "SLO 'hourly': recording rules only, no burn-rate alerts: it has no window of a day or more, so no error budget",
      "SLO 'off': recording rules only, no burn-rate alerts: no burn-rate rule applies (alerting.burnRates is false, or the period is too short for the workbook's)",
      "SLO 'perfect': recording rules only, no burn-rate alerts: its objective allows no errors, so any error exhausts the budget",
      "SLO 'faithfulness': recording rules only, no burn-rate alerts: an evalMetric SLO has no error budget",
    ]);
  });

  it('takes an lte ratio as counting what must stay rare: the matching share is the error ratio', () => {
    const { file } = generatePrometheusRules(
      configWith([
        {
          name: 'refusals',
          sli: { ratio: { good: { field: 'refused', equals: true } } },
          objective: { op: 'lte', target: 0.02 },
          window: '30d',
        },
      ]),
    );
    const ratio5m = file.groups[0]!.rules[2]!;
    expect(ratio5m.expr).toBe(
      'sum(rate(slokit_slo_good_events_total{slo="refusals"}[5m])) / sum(rate(slokit_slo_events_total{slo="refusals"}[5m]))',
    );
    expect(file.groups[0]!.rules.at(-2)!.expr).toContain('/ 0.02 > 14.4');
  });

  it('maps label keys to Prometheus label names and rejects the ones that collide, naming the path', () => {
    const [page] = alertsOf([
      { ...availability, labels: { 'team-name': 'a', '9tier': 'b', 'owner.email': 'c' } },
    ]);
    expect(page!.labels).toEqual({ team_name: 'a', _9tier: 'b', owner_email: 'c', severity: 'page' });
    const collide = () =>
      generatePrometheusRules(
        configWith([{ ...availability, labels: { severity: 'x', 'a-b': '1', a_b: '2' } }]),
      );
    expect(collide).toThrow(ConfigError);
    expect(collide).toThrow(
      "slos[0].labels.severity: 'severity' is a label the Prometheus rules set themselves; rename it",
    );
    expect(collide).toThrow(
      "slos[0].labels.a_b: becomes the Prometheus label 'a_b' as 'a-b' does; rename one of them",
    );
  });

  it('escapes hostile names, labels and descriptions for PromQL, Go templates and YAML', () => {
    const hostile = 'x"} or vector(1) #\n{{ .Bad }}\\';
    const { file } = generatePrometheusRules(
      configWith([
        { ...availability, name: 'avail', labels: { team: hostile }, description: `${hostile}\ud800` },
      ]),
    );
    const yaml = renderPrometheusRules(file);
    const parsed = parse(yaml) as typeof file;
    const page = parsed.groups[0]!.rules.find((rule): rule is PrometheusAlertingRule => 'alert' in rule)!;
    expect(page.labels.team).toBe('x"} or vector(1) #\n{{ "{{" }} .Bad {{ "}}" }}\\');
    expect(page.annotations.description).toContain('{{ "{{" }} .Bad {{ "}}" }}\\\uFFFD. The error budget');
  });
});
