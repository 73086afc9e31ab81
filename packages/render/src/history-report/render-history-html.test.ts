import type { HistoryAlert, HistoryPoint, HistoryReport, HistorySloReport } from '@slokit/core/internal';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../report/escape-html.js';
import { historyRows } from './history-rows.js';
import { renderHistoryHtml } from './render-history-html.js';

// --- a small HTML parser: strict enough to fail on anything the renderer should never produce ---------------

interface Element {
  tag: string;
  attributes: Record<string, string>;
  children: Array<Element | string>;
}

const voidTags = new Set([
  'meta',
  'link',
  'br',
  'hr',
  'img',
  'input',
  'area',
  'base',
  'col',
  'embed',
  'source',
  'wbr',
]);

function decode(text: string): string {
  return text
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&');
}

/** Parses the renderer's output into a tree; throws on a stray `<`, an unclosed or a mismatched tag. */
function parseHtml(html: string): Element {
  const root: Element = { tag: '#root', attributes: {}, children: [] };
  const stack = [root];
  const token =
    /<!DOCTYPE html>|<\/([a-zA-Z][\w-]*)>|<([a-zA-Z][\w-]*)((?:\s+[\w:-]+(?:="[^"<>]*")?)*)\s*(\/?)>|([^<]+)|(<)/g;
  for (const match of html.matchAll(token)) {
    const [, closing, opening, attributeText, selfClosing, text, stray] = match;
    const current = stack.at(-1)!;
    if (stray !== undefined)
      throw new Error(`stray < at ${match.index}: ${html.slice(match.index, match.index + 60)}`);
    if (text !== undefined) current.children.push(decode(text));
    else if (closing !== undefined) {
      if (current.tag !== closing) throw new Error(`</${closing}> closes <${current.tag}> at ${match.index}`);
      stack.pop();
    } else if (opening !== undefined) {
      const attributes: Record<string, string> = {};
      for (const [, name, value] of (attributeText ?? '').matchAll(/([\w:-]+)(?:="([^"]*)")?/g)) {
        if (name! in attributes) throw new Error(`duplicate attribute ${name} on <${opening}>`);
        attributes[name!] = decode(value ?? '');
      }
      const element: Element = { tag: opening, attributes, children: [] };
      current.children.push(element);
      if (!voidTags.has(opening) && selfClosing !== '/') stack.push(element);
    }
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack.at(-1)!.tag}>`);
  return root;
}

function findAll(element: Element, predicate: (element: Element) => boolean): Element[] {
  const found: Element[] = [];
  for (const child of element.children) {
    if (typeof child === 'string') continue;
    if (predicate(child)) found.push(child);
    found.push(...findAll(child, predicate));
  }
  return found;
}

function textOf(element: Element): string {
  return element.children.map((child) => (typeof child === 'string' ? child : textOf(child))).join('');
}

const byClass = (name: string) => (element: Element) =>
  (element.attributes.class ?? '').split(' ').includes(name);

function charts(root: Element, slo?: string): Element[] {
  return findAll(
    root,
    (element) =>
      element.tag === 'svg' &&
      'data-chart' in element.attributes &&
      (slo === undefined || element.attributes['data-slo'] === slo),
  );
}

function chart(root: Element, slo: string, kind: string): Element {
  const found = charts(root, slo).filter((element) => element.attributes['data-chart'] === kind);
  expect(found, `${slo}:${kind}`).toHaveLength(1);
  return found[0]!;
}

/** The points of an absolute M/L/Z path, asserting it uses nothing else. */
function pathPoints(d: string): Array<[number, number]> {
  expect(d).toMatch(/^(?:[ML]-?\d+(?:\.\d+)? -?\d+(?:\.\d+)?|Z)+$/);
  return [...d.matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g)].map((match) => [Number(match[1]), Number(match[2])]);
}

/** Every coordinate drawn inside a chart: path and polyline points, circles, rectangles, lines, text anchors. */
function coordinates(svg: Element): Array<[number, number]> {
  const points: Array<[number, number]> = [];
  const number = (element: Element, name: string) => {
    const value = Number(element.attributes[name]);
    expect(Number.isFinite(value), `${element.tag} ${name}=${element.attributes[name]}`).toBe(true);
    return value;
  };
  for (const element of findAll(svg, () => true)) {
    const a = element.attributes;
    if (element.tag === 'path') points.push(...pathPoints(a.d!));
    if (element.tag === 'polyline' || element.tag === 'polygon') {
      for (const pair of a.points!.trim().split(/\s+/))
        points.push(pair.split(',').map(Number) as [number, number]);
    }
    if (element.tag === 'circle') {
      const [x, y, r] = [number(element, 'cx'), number(element, 'cy'), number(element, 'r')];
      points.push([x - r, y - r], [x + r, y + r]);
    }
    if (element.tag === 'rect') {
      const [x, y] = [number(element, 'x'), number(element, 'y')];
      points.push([x, y], [x + number(element, 'width'), y + number(element, 'height')]);
    }
    if (element.tag === 'line') {
      points.push(
        [number(element, 'x1'), number(element, 'y1')],
        [number(element, 'x2'), number(element, 'y2')],
      );
    }
    if (element.tag === 'text') points.push([number(element, 'x'), number(element, 'y')]);
  }
  return points;
}

function viewBox(svg: Element): { width: number; height: number } {
  const [x, y, width, height] = svg.attributes.viewBox!.split(' ').map(Number);
  expect([x, y]).toEqual([0, 0]);
  return { width: width!, height: height! };
}

function expectInsideViewBox(svg: Element): void {
  const box = viewBox(svg);
  const points = coordinates(svg);
  expect(points.length).toBeGreaterThan(0);
  for (const [x, y] of points) {
    expect(x, `x in ${svg.attributes['data-chart']}`).toBeGreaterThanOrEqual(0);
    expect(x, `x in ${svg.attributes['data-chart']}`).toBeLessThanOrEqual(box.width);
    expect(y, `y in ${svg.attributes['data-chart']}`).toBeGreaterThanOrEqual(0);
    expect(y, `y in ${svg.attributes['data-chart']}`).toBeLessThanOrEqual(box.height);
  }
}

function seriesPathPoints(svg: Element, kind = 'series-sli'): Array<[number, number]> {
  return findAll(svg, (element) => element.tag === 'path' && byClass(kind)(element)).flatMap((path) =>
    pathPoints(path.attributes.d!),
  );
}

// --- sample reports ----------------------------------------------------------------------------------------

const to = Date.parse('2026-11-26T14:00:00Z');
const from = to - 7 * 86_400_000;

function series(
  values: Array<number | null>,
  options: { step?: number; budget?: (index: number) => number | null } = {},
): HistoryPoint[] {
  const step = options.step ?? 5 * 60_000;
  const start = to - (values.length - 1) * step;
  return values.map((value, index) => ({
    at: new Date(start + index * step).toISOString(),
    value,
    status: value === null ? 'no_data' : 'ok',
    level: 'none',
    budgetRemaining: options.budget ? options.budget(index) : null,
  }));
}

function alert(minutesBeforeEnd: number, overrides: Partial<HistoryAlert> = {}): HistoryAlert {
  return {
    at: new Date(to - minutesBeforeEnd * 60_000).toISOString(),
    kind: 'fired',
    level: 'critical',
    segment: '',
    silenced: false,
    ...overrides,
  };
}

function slo(overrides: Partial<HistorySloReport> = {}): HistorySloReport {
  return {
    name: 'accuracy',
    description: null,
    unit: 'percent',
    op: 'gte',
    target: 0.9,
    warning: 0.88,
    critical: 0.85,
    window: '1h',
    value: 0.92,
    samples: 1_000,
    status: 'ok',
    budgetRemaining: null,
    series: [],
    alerts: [],
    ...overrides,
  };
}

function report(slos: HistorySloReport[], overrides: Partial<HistoryReport> = {}): HistoryReport {
  return {
    schemaVersion: 1,
    generatedAt: new Date(to).toISOString(),
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    days: 7,
    slos,
    compliance: 1,
    complianceCounts: { met: slos.length, counted: slos.length },
    ...overrides,
  };
}

const week = Array.from(
  { length: 2016 },
  (_, index) => 0.93 + Math.sin(index / 40) * 0.02 - (index > 1200 && index < 1250 ? 0.1 : 0),
);

function fullReport(): HistoryReport {
  return report(
    [
      slo({
        series: series(week, { budget: (index) => 1 - index / 1500 }),
        budgetRemaining: 1 - 2015 / 1500,
        alerts: [
          alert(600, { kind: 'fired', level: 'warning' }),
          alert(590, { kind: 'escalated', level: 'critical' }),
          alert(500, { kind: 'escalated', level: 'page' }),
          alert(400, { kind: 'repeated', level: 'page' }),
          alert(300, { kind: 'deescalated', level: 'warning' }),
          alert(200, { kind: 'resolved', level: 'none' }),
          alert(100, { kind: 'fired', level: 'ticket', segment: 'model=gpt-4o-mini', silenced: true }),
        ],
      }),
      slo({
        name: 'p95-latency',
        unit: 'ms',
        op: 'lte',
        target: 2000,
        warning: 2500,
        critical: 3000,
        value: 1800,
        series: series(
          Array.from({ length: 160 }, (_, index) => 1500 + (index % 17) * 40),
          { step: 3_600_000 },
        ),
      }),
    ],
    { compliance: 0.5, complianceCounts: { met: 1, counted: 2 } },
  );
}

// --- tests -------------------------------------------------------------------------------------------------

describe('renderHistoryHtml', () => {
  it('renders a well-formed page with the header, the period and the overall compliance', () => {
    const html = renderHistoryHtml(fullReport());
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    const root = parseHtml(html);
    expect(textOf(findAll(root, (element) => element.tag === 'title')[0]!)).toBe(
      'SLO Dashboard - Last 7 Days',
    );
    expect(textOf(findAll(root, (element) => element.tag === 'h1')[0]!)).toBe('SLO Dashboard - Last 7 Days');
    expect(textOf(findAll(root, byClass('period'))[0]!)).toBe(
      '2026-11-19 14:00 UTC to 2026-11-26 14:00 UTC · generated 2026-11-26 14:00 UTC',
    );
    expect(textOf(findAll(root, byClass('compliance'))[0]!)).toBe('Overall SLO Compliance: 50% (1 of 2)');
    expect(renderHistoryHtml(report([slo()], { days: 1 }))).toContain('<h1>SLO Dashboard - Last 1 Day</h1>');
  });

  it('has a summary table like the terminal one, linking to each SLO section', () => {
    const input = fullReport();
    const root = parseHtml(renderHistoryHtml(input));
    const table = findAll(root, byClass('summary'))[0]!;
    const headers = findAll(table, (element) => element.tag === 'th' && element.attributes.scope === 'col');
    expect(headers.map(textOf)).toEqual([
      'SLO',
      'Target',
      'Current',
      'Budget left',
      'Trend',
      'Alerts',
      'Status',
    ]);
    const rows = findAll(table, (element) => element.tag === 'tr').slice(1);
    const cells = rows.map((row) =>
      row.children.filter((child): child is Element => typeof child !== 'string').map(textOf),
    );
    const expected = historyRows(input);
    expect(expected[0]!.alerts).toBe('4');
    expect(cells).toEqual([
      [
        'accuracy',
        expected[0]!.target,
        expected[0]!.current,
        expected[0]!.budget,
        '',
        expected[0]!.alerts,
        'ok',
      ],
      ['p95-latency', '≤ 2s', '1.8s', '', '', '', 'ok'],
    ]);
    const links = findAll(table, (element) => element.tag === 'a').map((link) => link.attributes.href);
    expect(links).toEqual(['#slo-1', '#slo-2']);
    const sections = findAll(root, (element) => element.tag === 'section');
    expect(sections.map((section) => [section.attributes.id, section.attributes['data-slo']])).toEqual([
      ['slo-1', 'accuracy'],
      ['slo-2', 'p95-latency'],
    ]);
    // The trend is a small inline SVG sparkline, hidden from assistive technology.
    const sparks = findAll(table, byClass('spark'));
    expect(sparks).toHaveLength(2);
    for (const spark of sparks) expect(spark.attributes['aria-hidden']).toBe('true');
  });

  it('draws an SLI, a budget and an alert chart per SLO, each labelled for assistive technology', () => {
    const root = parseHtml(renderHistoryHtml(fullReport()));
    expect(charts(root, 'accuracy').map((svg) => svg.attributes['data-chart'])).toEqual([
      'sli',
      'budget',
      'alerts',
    ]);
    // No budget points and no alert: the SLI chart only, and a note instead of a timeline.
    expect(charts(root, 'p95-latency').map((svg) => svg.attributes['data-chart'])).toEqual(['sli']);
    const latency = findAll(
      root,
      (element) => element.tag === 'section' && element.attributes.id === 'slo-2',
    )[0]!;
    expect(textOf(latency)).toContain('No alert in this period.');
    for (const svg of charts(root)) {
      expect(svg.attributes.role).toBe('img');
      expect(svg.attributes['aria-label']!.length).toBeGreaterThan(20);
      const title = svg.children.find(
        (child): child is Element => typeof child !== 'string' && child.tag === 'title',
      );
      expect(title && textOf(title)).toBe(svg.attributes['aria-label']);
    }
    expect(chart(root, 'accuracy', 'sli').attributes['aria-label']).toBe(
      'accuracy: SLI over time against the target ≥ 90%; 2,016 evaluations, averaged into 300 points, lowest 81%, highest 95%',
    );
  });

  it('keeps every drawn coordinate inside the viewBox', () => {
    const html = renderHistoryHtml(fullReport());
    expect(html).not.toMatch(/NaN|Infinity|undefined/);
    const root = parseHtml(html);
    const all = charts(root);
    expect(all).toHaveLength(4);
    for (const svg of all) expectInsideViewBox(svg);
  });

  it('averages a long series into at most 300 points and draws a short one point for point', () => {
    const root = parseHtml(renderHistoryHtml(fullReport()));
    const long = seriesPathPoints(chart(root, 'accuracy', 'sli'));
    expect(long).toHaveLength(300);
    // Oldest first, left to right.
    for (let index = 1; index < long.length; index++)
      expect(long[index]![0]).toBeGreaterThan(long[index - 1]![0]);
    // The min-max envelope of the slots is drawn behind the average.
    expect(findAll(chart(root, 'accuracy', 'sli'), byClass('envelope'))).toHaveLength(1);
    expect(seriesPathPoints(chart(root, 'p95-latency', 'sli'))).toHaveLength(160);
    expect(findAll(chart(root, 'p95-latency', 'sli'), byClass('envelope'))).toHaveLength(0);
  });

  it('shades the bad side of the objective: below the target for ≥, above it for ≤', () => {
    const root = parseHtml(renderHistoryHtml(fullReport()));
    const layout = (svg: Element) => {
      const bands = Object.fromEntries(
        ['at_risk', 'warning', 'critical'].map((status) => {
          const band = findAll(svg, byClass(`band-${status}`))[0]!;
          const top = Number(band.attributes.y);
          // Coordinates carry one decimal: compare them in tenths.
          return [status, { top, bottom: Math.round((top + Number(band.attributes.height)) * 10) / 10 }];
        }),
      );
      const lineY = (name: string) => Number(findAll(svg, byClass(`line-${name}`))[0]!.attributes.y1);
      return { bands, target: lineY('target'), warning: lineY('warning'), critical: lineY('critical') };
    };
    // gte: SVG y grows downwards, so worse values (lower) are further down.
    const accuracy = layout(chart(root, 'accuracy', 'sli'));
    expect(accuracy.bands.at_risk).toEqual({ top: accuracy.target, bottom: accuracy.warning });
    expect(accuracy.bands.warning).toEqual({ top: accuracy.warning, bottom: accuracy.critical });
    expect(accuracy.bands.critical!.top).toBe(accuracy.critical);
    expect(accuracy.bands.critical!.bottom).toBeGreaterThan(accuracy.critical);
    // lte: worse values (higher) are further up.
    const latency = layout(chart(root, 'p95-latency', 'sli'));
    expect(latency.bands.at_risk).toEqual({ top: latency.warning, bottom: latency.target });
    expect(latency.bands.warning).toEqual({ top: latency.critical, bottom: latency.warning });
    expect(latency.bands.critical!.bottom).toBe(latency.critical);
    expect(latency.bands.critical!.top).toBeLessThan(latency.critical);
    // Without warning or critical the target is the critical threshold: one critical band below it.
    const plain = parseHtml(
      renderHistoryHtml(report([slo({ warning: null, critical: null, series: series([0.95, 0.8, 0.97]) })])),
    );
    const svg = chart(plain, 'accuracy', 'sli');
    expect(findAll(svg, (element) => byClass('band')(element)).map((band) => band.attributes.class)).toEqual([
      'band band-critical',
    ]);
    const band = findAll(svg, byClass('band-critical'))[0]!;
    expect(Number(band.attributes.y)).toBe(Number(findAll(svg, byClass('line-target'))[0]!.attributes.y1));
  });

  it('labels the value axis in the SLO unit', () => {
    const root = parseHtml(renderHistoryHtml(fullReport()));
    const ticks = (svg: Element) => findAll(svg, byClass('tick-y')).map(textOf);
    expect(ticks(chart(root, 'accuracy', 'sli'))).toEqual(['80%', '85%', '90%', '95%']);
    expect(ticks(chart(root, 'p95-latency', 'sli'))).toEqual(['1.5s', '2s', '2.5s', '3s']);
    expect(ticks(chart(root, 'accuracy', 'budget'))).toEqual([
      '-40%',
      '-20%',
      '0%',
      '20%',
      '40%',
      '60%',
      '80%',
      '100%',
    ]);
    const days = findAll(chart(root, 'accuracy', 'sli'), byClass('tick-x')).map(textOf);
    expect(days).toEqual(['Nov 20', 'Nov 21', 'Nov 22', 'Nov 23', 'Nov 24', 'Nov 25', 'Nov 26']);
  });

  it('draws the budget with its zero line, shading the overspent region only when the budget went negative', () => {
    const root = parseHtml(renderHistoryHtml(fullReport()));
    const budget = chart(root, 'accuracy', 'budget');
    const zero = Number(findAll(budget, byClass('line-zero'))[0]!.attributes.y1);
    const negative = findAll(budget, byClass('budget-negative'))[0]!;
    expect(Number(negative.attributes.y)).toBe(zero);
    // The last points sit below the zero line.
    expect(seriesPathPoints(budget, 'series-budget').at(-1)![1]).toBeGreaterThan(zero);
    const healthy = parseHtml(
      renderHistoryHtml(
        report([slo({ series: series([0.95, 0.96, 0.97], { budget: (index) => 1 - index * 0.1 }) })]),
      ),
    );
    const healthyBudget = chart(healthy, 'accuracy', 'budget');
    expect(findAll(healthyBudget, byClass('budget-negative'))).toEqual([]);
    expect(findAll(healthyBudget, byClass('line-zero'))).toHaveLength(1);
    expectInsideViewBox(healthyBudget);
  });

  it('marks every alert event on the timeline by kind and level, silenced ones hollow, and lists them', () => {
    const input = fullReport();
    const root = parseHtml(renderHistoryHtml(input));
    const timeline = chart(root, 'accuracy', 'alerts');
    const events = findAll(timeline, byClass('alert-event'));
    expect(events.map((event) => [event.attributes['data-kind'], event.attributes['data-level']])).toEqual(
      input.slos[0]!.alerts.map((event) => [event.kind, event.level]),
    );
    const shapes = events.map(
      (event) =>
        event.children.find((child): child is Element => typeof child !== 'string' && child.tag !== 'title')!,
    );
    expect(shapes.map((shape) => shape.tag)).toEqual([
      'circle',
      'path',
      'path',
      'path',
      'path',
      'rect',
      'circle',
    ]);
    expect(shapes.map((shape) => byClass('silenced')(shape))).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      true,
    ]);
    expect(byClass('level-page')(shapes[2]!)).toBe(true);
    // Markers are placed in time order on the shared time axis; the segment gets its own lane.
    const xs = shapes
      .slice(0, 6)
      .map((shape) =>
        shape.tag === 'circle'
          ? Number(shape.attributes.cx)
          : shape.tag === 'rect'
            ? Number(shape.attributes.x) + 5
            : pathPoints(shape.attributes.d!)[0]![0],
      );
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    const lanes = findAll(timeline, byClass('lane-label')).map((label) => label.children.at(-1));
    expect(lanes).toEqual(['level', 'all', 'model=gp…']);
    const legend = textOf(
      findAll(root, byClass('legend')).find((element) => textOf(element).includes('escalated'))!,
    );
    for (const word of ['fired', 'escalated', 'deescalated', 'resolved', 'repeated', 'silenced'])
      expect(legend).toContain(word);
    const list = findAll(root, byClass('event-list'))[0]!;
    const rows = findAll(list, (element) => element.tag === 'tr')
      .slice(1)
      .map(textOf);
    expect(rows).toHaveLength(7);
    expect(rows[0]).toBe('2026-11-26 04:00 UTCfiredwarningall');
    expect(rows[6]).toBe('2026-11-26 12:20 UTCfiredticketmodel=gpt-4o-minisilenced');
    expectInsideViewBox(timeline);
  });

  it('shows a note instead of a chart for an SLO without data, and still draws alerts it has', () => {
    const html = renderHistoryHtml(
      report([
        slo({ name: 'empty', value: null, samples: 0, status: 'no_data' }),
        slo({
          name: 'nulls',
          value: null,
          samples: 0,
          status: 'no_data',
          series: series([null, null, null]),
        }),
        slo({ name: 'alerts-only', series: [], alerts: [alert(60)] }),
      ]),
    );
    expect(html).not.toMatch(/NaN|Infinity|undefined/);
    const root = parseHtml(html);
    expect(charts(root, 'empty')).toEqual([]);
    expect(charts(root, 'nulls')).toEqual([]);
    const notes = findAll(root, byClass('no-data')).map(textOf);
    expect(notes).toEqual([
      'No data in this period.',
      'No data in this period (3 evaluations without a value).',
      'No data in this period.',
    ]);
    expect(charts(root, 'alerts-only').map((svg) => svg.attributes['data-chart'])).toEqual(['alerts']);
    expectInsideViewBox(chart(root, 'alerts-only', 'alerts'));
  });

  it('draws a single point as a dot and a flat series as a level line inside the chart', () => {
    const root = parseHtml(
      renderHistoryHtml(
        report([
          slo({ name: 'single', series: series([0.93], { budget: () => 0.5 }) }),
          slo({
            name: 'flat',
            unit: 'ms',
            op: 'lte',
            target: 0,
            warning: null,
            critical: null,
            series: series([0, 0, 0, 0]),
          }),
          slo({ name: 'flat-high', series: series([1, 1, 1]), target: 1, warning: null, critical: null }),
        ]),
      ),
    );
    for (const svg of charts(root)) expectInsideViewBox(svg);
    const single = chart(root, 'single', 'sli');
    expect(findAll(single, (element) => element.tag === 'path' && byClass('series')(element))).toEqual([]);
    expect(findAll(single, byClass('dot'))).toHaveLength(1);
    expect(findAll(chart(root, 'single', 'budget'), byClass('dot'))).toHaveLength(1);
    for (const name of ['flat', 'flat-high']) {
      const points = seriesPathPoints(chart(root, name, 'sli'));
      expect(points.length).toBeGreaterThan(2);
      expect(new Set(points.map(([, y]) => y)).size).toBe(1);
    }
    // A flat latency of 0 ms never gets a negative axis.
    const ticks = findAll(chart(root, 'flat', 'sli'), byClass('tick-y')).map(textOf);
    expect(ticks[0]).toBe('0ms');
    expect(ticks.some((tick) => tick.startsWith('-'))).toBe(false);
  });

  it('breaks the line at null values and at gaps in time, and draws isolated points as dots', () => {
    const values = [0.91, 0.92, 0.93, null, 0.94, null, 0.95, 0.96, 0.97];
    const points = series(values);
    // A two-hour hole between the last two evaluations.
    points[8]!.at = new Date(Date.parse(points[7]!.at) + 2 * 3_600_000).toISOString();
    const root = parseHtml(renderHistoryHtml(report([slo({ series: points })])));
    const svg = chart(root, 'accuracy', 'sli');
    const path = findAll(svg, (element) => element.tag === 'path' && byClass('series-sli')(element))[0]!;
    expect(path.attributes.d!.match(/M/g)).toHaveLength(2);
    expect(pathPoints(path.attributes.d!)).toHaveLength(5);
    expect(findAll(svg, byClass('dot'))).toHaveLength(2);
    expectInsideViewBox(svg);
  });

  it('escapes every string from data, in text, in attributes and in SVG titles', () => {
    const hostile = `<script>alert(1)</script>"&'`;
    const segment = `"><svg onload=alert(2)>`;
    const description = `<img src=x onerror=alert(3)> see https://evil.example/x.js & <a href="http://evil.example">`;
    const html = renderHistoryHtml(
      report([
        slo({
          name: hostile,
          description,
          series: series([0.9, 0.95], { budget: () => 0.5 }),
          alerts: [alert(5, { segment }), alert(3, { kind: 'resolved', level: 'none', segment })],
        }),
      ]),
    );
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain(hostile);
    expect(html).not.toContain(segment);
    expect(html).not.toMatch(/<img|<a href="http|<svg onload/i);
    expect(html).toContain(escapeHtml(hostile));
    const root = parseHtml(html);
    // Each attribute holds the exact name once decoded: escaped, not cut short by its quote.
    expect(charts(root, hostile)).toHaveLength(3);
    const section = findAll(root, (element) => element.tag === 'section')[0]!;
    expect(section.attributes['data-slo']).toBe(hostile);
    for (const svg of charts(root))
      expect(svg.attributes['aria-label']!.startsWith(`${hostile}: `)).toBe(true);
    expect(textOf(findAll(root, (element) => element.tag === 'h2')[0]!)).toBe(hostile);
    expect(textOf(findAll(root, byClass('description'))[0]!)).toBe(description);
    const titles = findAll(chart(root, hostile, 'alerts'), (element) => element.tag === 'title').map(textOf);
    expect(titles.some((title) => title.includes(`segment ${segment}`))).toBe(true);
    // No element or attribute came out of the data.
    const tags = new Set(findAll(root, () => true).map((element) => element.tag));
    expect(
      [...tags].filter((tag) => ['script', 'img', 'iframe', 'object', 'embed', 'link', 'a'].includes(tag)),
    ).toEqual(['a']);
    const attributeNames = findAll(root, () => true).flatMap((element) => Object.keys(element.attributes));
    expect(attributeNames.filter((name) => name.startsWith('on') || name === 'src')).toEqual([]);
  });

  it('references nothing outside the file: no URL in src or href, no script, styles inline', () => {
    const description = 'Runbook: https://wiki.example.com/runbooks/accuracy';
    const html = renderHistoryHtml(
      report([slo({ description, series: series(week) }), ...fullReport().slos]),
    );
    const root = parseHtml(html);
    const elements = findAll(root, () => true);
    const references = elements.flatMap((element) =>
      ['src', 'href', 'xlink:href', 'srcset', 'action', 'data'].flatMap((name) =>
        name in element.attributes ? [element.attributes[name]!] : [],
      ),
    );
    expect(references.length).toBeGreaterThan(0);
    for (const reference of references) expect(reference).toMatch(/^#slo-\d+$/);
    // The only URL on the page is the description's, as escaped text.
    expect(html.match(/https?:\/\//g)).toEqual(['https://']);
    expect(textOf(findAll(root, byClass('description'))[0]!)).toBe(description);
    const style = findAll(root, (element) => element.tag === 'style')
      .map(textOf)
      .join('');
    expect(style.length).toBeGreaterThan(1000);
    expect(style).not.toMatch(/url\(|@import|@font-face/);
    expect(elements.map((element) => element.tag)).not.toContain('script');
    expect(elements.map((element) => element.tag)).not.toContain('link');
    const policy = elements.find((element) => element.attributes['http-equiv'] === 'Content-Security-Policy');
    expect(policy?.attributes.content).toBe("default-src 'none'; style-src 'unsafe-inline'");
  });

  it('renders a report without SLOs or compliance', () => {
    const html = renderHistoryHtml(
      report([], { compliance: null, complianceCounts: { met: 0, counted: 0 } }),
    );
    const root = parseHtml(html);
    expect(charts(root)).toEqual([]);
    expect(textOf(findAll(root, byClass('compliance'))[0]!)).toBe(
      'Overall SLO Compliance: n/a (no SLO has enough data)',
    );
    expect(textOf(findAll(root, byClass('note'))[0]!)).toBe('No SLO is configured.');
  });

  it('keeps data outside the period on the chart by widening the time axis', () => {
    const points = series([0.91, 0.92]);
    points[0]!.at = new Date(from - 86_400_000).toISOString();
    const root = parseHtml(renderHistoryHtml(report([slo({ series: points, alerts: [alert(-60)] })])));
    for (const svg of charts(root)) expectInsideViewBox(svg);
    const [first, last] = seriesPathPoints(chart(root, 'accuracy', 'sli'));
    expect(first![0]).toBe(76);
    expect(last![0]).toBeLessThan(936);
  });
});
