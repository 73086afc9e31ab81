import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { inflateSync } from 'node:zlib';
import type {
  AlertEventKind,
  AlertLevel,
  HistoryAlert,
  HistoryPoint,
  HistoryReport,
  SloStatus,
} from '@slokit/core/internal';
import { type Browser, openChromium, type Page } from '@slokit/testkit/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHistoryHtml } from './render-history-html.js';

// Opens the report in a real browser: Debian's `chromium` package (which CI installs), driven by playwright-core.
const windowSize = { width: 1280, height: 2400 };
const to = Date.parse('2026-11-26T14:00:00Z');
const from = to - 7 * 86_400_000;
const step = 5 * 60_000;

/** Deterministic noise in [-1, 1]. */
function noise(index: number): number {
  const x = Math.sin(index * 12.9898) * 43_758.5453;
  return (x - Math.floor(x)) * 2 - 1;
}

function point(
  at: number,
  value: number | null,
  status: SloStatus,
  level: AlertLevel,
  budget: number | null,
) {
  return {
    at: new Date(at).toISOString(),
    value,
    status,
    level,
    budgetRemaining: budget,
  } satisfies HistoryPoint;
}

function alert(
  at: number,
  kind: AlertEventKind,
  level: AlertLevel,
  segment = '',
  silenced = false,
): HistoryAlert {
  return { at: new Date(at).toISOString(), kind, level, segment, silenced };
}

/** Two SLOs over a week of 5-minute evaluations: a quality drop on day 4 and a latency spike on day 6. */
function sampleReport(): HistoryReport {
  const count = (to - from) / step;
  const accuracy: HistoryPoint[] = [];
  const latency: HistoryPoint[] = [];
  let accuracyBudget = 1;
  let latencyBudget = 1;
  const dropStart = from + 3 * 86_400_000 + 10 * 3_600_000;
  const spikeStart = from + 5 * 86_400_000 + 16 * 3_600_000;
  const outageStart = from + 86_400_000 + 20 * 3_600_000;
  for (let index = 1; index <= count; index++) {
    const at = from + index * step;
    const inDrop = at >= dropStart && at < dropStart + 4 * 3_600_000;
    const accuracyValue = inDrop ? 0.82 + noise(index) * 0.02 : 0.935 + noise(index) * 0.012;
    accuracyBudget -= accuracyValue < 0.9 ? 0.009 : 0.0002;
    const accuracyLevel: AlertLevel = inDrop ? (at >= dropStart + 3_600_000 ? 'page' : 'critical') : 'none';
    accuracy.push(
      point(at, accuracyValue, accuracyValue >= 0.9 ? 'ok' : 'critical', accuracyLevel, accuracyBudget),
    );
    const inOutage = at >= outageStart && at < outageStart + 3 * 3_600_000;
    const inSpike = at >= spikeStart && at < spikeStart + 2 * 3_600_000;
    const latencyValue = inOutage
      ? null
      : inSpike
        ? 4200 + noise(index) * 300
        : 1450 + noise(index + 7) * 200;
    if (latencyValue !== null) latencyBudget -= latencyValue > 2000 ? 0.08 : 0.0004;
    latency.push(
      point(
        at,
        latencyValue,
        latencyValue === null ? 'no_data' : latencyValue <= 2000 ? 'ok' : 'critical',
        inSpike ? 'critical' : 'none',
        latencyBudget,
      ),
    );
  }
  const minutes = (count: number) => count * 60_000;
  return {
    schemaVersion: 1,
    generatedAt: new Date(to).toISOString(),
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    days: 7,
    slos: [
      {
        name: 'answer-accuracy',
        description: 'Share of answers the grader marks correct',
        unit: 'percent',
        op: 'gte',
        target: 0.9,
        warning: 0.88,
        critical: 0.85,
        window: '1h',
        value: 0.927,
        samples: 96_412,
        status: 'ok',
        budgetRemaining: accuracy.at(-1)!.budgetRemaining,
        series: accuracy,
        alerts: [
          alert(dropStart + minutes(10), 'fired', 'critical'),
          alert(dropStart + minutes(60), 'escalated', 'page'),
          alert(dropStart + minutes(240), 'repeated', 'page'),
          alert(dropStart + minutes(250), 'deescalated', 'warning'),
          alert(dropStart + minutes(265), 'resolved', 'none'),
          alert(dropStart + minutes(20), 'fired', 'warning', 'model=gpt-4o-mini', true),
        ],
      },
      {
        name: 'p95-latency',
        description: null,
        unit: 'ms',
        op: 'lte',
        target: 2000,
        warning: 2500,
        critical: 3000,
        window: '30m',
        value: 1612,
        samples: 96_412,
        status: 'critical',
        budgetRemaining: latency.at(-1)!.budgetRemaining,
        series: latency,
        alerts: [
          alert(spikeStart + minutes(10), 'fired', 'critical'),
          alert(spikeStart + minutes(130), 'resolved', 'none'),
        ],
      },
    ],
    compliance: 0.5,
    complianceCounts: { met: 1, counted: 2 },
  };
}

/** Loads a file in a fresh page of the shared browser, sized like a desktop window. */
async function openPage(browser: Browser, file: string): Promise<Page> {
  const page = await browser.newPage({ viewport: windowSize });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load', timeout: 60_000 });
  return page;
}

/** Decodes an 8-bit, non-interlaced RGB or RGBA PNG into its size and RGBA pixels. */
function decodePng(png: Buffer): { width: number; height: number; pixels: Uint8Array } {
  expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const data: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      expect({ depth: body[8], interlace: body[12] }).toEqual({ depth: 8, interlace: 0 });
      channels = body[9] === 6 ? 4 : body[9] === 2 ? 3 : 0;
      expect(channels, `unsupported PNG colour type ${body[9]}`).toBeGreaterThan(0);
    } else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const rows = new Uint8Array(stride * height);
  for (let row = 0; row < height; row++) {
    const filter = raw[row * (stride + 1)]!;
    const line = raw.subarray(row * (stride + 1) + 1, (row + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const left = i >= channels ? rows[row * stride + i - channels]! : 0;
      const up = row > 0 ? rows[(row - 1) * stride + i]! : 0;
      const upLeft = row > 0 && i >= channels ? rows[(row - 1) * stride + i - channels]! : 0;
      let predictor = 0;
      if (filter === 1) predictor = left;
      else if (filter === 2) predictor = up;
      else if (filter === 3) predictor = (left + up) >> 1;
      else if (filter === 4) {
        const estimate = left + up - upLeft;
        const [a, b, c] = [Math.abs(estimate - left), Math.abs(estimate - up), Math.abs(estimate - upLeft)];
        predictor = a <= b && a <= c ? left : b <= c ? up : upLeft;
      }
      rows[row * stride + i] = (line[i]! + predictor) & 0xff;
    }
  }
  const pixels = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    pixels[i * 4] = rows[i * channels]!;
    pixels[i * 4 + 1] = rows[i * channels + 1]!;
    pixels[i * 4 + 2] = rows[i * channels + 2]!;
    pixels[i * 4 + 3] = channels === 4 ? rows[i * channels + 3]! : 255;
  }
  return { width, height, pixels };
}

/** Pixels within `tolerance` (per channel) of an RGB colour. */
function countColour(
  pixels: Uint8Array,
  [red, green, blue]: [number, number, number],
  tolerance = 24,
): number {
  let count = 0;
  for (let i = 0; i < pixels.length; i += 4) {
    if (
      Math.abs(pixels[i]! - red) <= tolerance &&
      Math.abs(pixels[i + 1]! - green) <= tolerance &&
      Math.abs(pixels[i + 2]! - blue) <= tolerance
    ) {
      count++;
    }
  }
  return count;
}

/** Measures every chart as laid out and painted by the browser; appended to a copy of the page, never the report. */
const probeScript = `<script>
const charts = [...document.querySelectorAll('svg[data-chart]')].map((svg) => {
  const box = svg.getBoundingClientRect();
  const measure = (selector) => [...svg.querySelectorAll(selector)].map((element) => {
    const bbox = element.getBBox();
    return { width: bbox.width, height: bbox.height, length: element.getTotalLength ? element.getTotalLength() : 0,
      stroke: getComputedStyle(element).stroke, fill: getComputedStyle(element).fill };
  });
  return { chart: svg.dataset.chart, slo: svg.dataset.slo, width: box.width, height: box.height,
    series: measure('.series'), bands: measure('.band'), negative: measure('.budget-negative'),
    markers: measure('.alert-event > *:not(title)'), target: measure('.line-target'), ticks: svg.querySelectorAll('.tick').length };
});
const probe = document.createElement('pre');
probe.id = 'probe';
probe.textContent = JSON.stringify({ charts, scrollHeight: document.documentElement.scrollHeight });
document.body.append(probe);
</script>`;

interface ChartProbe {
  chart: string;
  slo: string;
  width: number;
  height: number;
  series: Array<{ width: number; height: number; length: number; stroke: string }>;
  bands: Array<{ width: number; height: number }>;
  negative: Array<{ width: number; height: number }>;
  markers: Array<{ width: number; height: number; fill: string }>;
  target: Array<{ width: number }>;
  ticks: number;
}

describe('renderHistoryHtml in headless Chromium', { timeout: 120_000 }, () => {
  let directory: string;
  let reportFile: string;
  let html: string;
  let browser: Browser;

  beforeAll(async () => {
    browser = await openChromium();
    directory = await mkdtemp(join(tmpdir(), 'slokit-report-html-'));
    reportFile = join(directory, 'report.html');
    html = renderHistoryHtml(sampleReport());
    await writeFile(reportFile, html);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('parses the file into a DOM with the three charts of each SLO and nothing scripted', async () => {
    const page = await openPage(browser, reportFile);
    const dom = await page.content();
    await page.close();
    const charts = [...dom.matchAll(/<svg [^>]*data-chart="(\w+)"[^>]*data-slo="([^"]*)"/g)].map(
      (match) => `${match[2]}:${match[1]}`,
    );
    expect(charts).toEqual([
      'answer-accuracy:sli',
      'answer-accuracy:budget',
      'answer-accuracy:alerts',
      'p95-latency:sli',
      'p95-latency:budget',
      'p95-latency:alerts',
    ]);
    expect(dom).toContain('<h1>SLO Dashboard - Last 7 Days</h1>');
    expect(dom).toContain('Overall SLO Compliance: 50% (1 of 2)');
    expect(dom).not.toMatch(/<script/i);
  });

  it('lays out and paints every chart with real geometry', async () => {
    const probeFile = join(directory, 'probe.html');
    // The report forbids scripts by its Content-Security-Policy; the probe copy drops it to measure the charts.
    const probed = html
      .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '')
      .replace('</body>', `${probeScript}</body>`);
    expect(probed).not.toContain('Content-Security-Policy');
    await writeFile(probeFile, probed);
    const page = await openPage(browser, probeFile);
    const json = await page.locator('#probe').textContent({ timeout: 60_000 });
    await page.close();
    expect(json, 'the probe script did not run').toBeTruthy();
    const probe = JSON.parse(json!) as {
      charts: ChartProbe[];
      scrollHeight: number;
    };
    expect(probe.charts.map((chart) => `${chart.slo}:${chart.chart}`)).toHaveLength(6);
    for (const chart of probe.charts) {
      // Each chart spans the content column and is drawn at a readable height.
      expect(chart.width, `${chart.slo}:${chart.chart}`).toBeGreaterThan(900);
      expect(chart.height, `${chart.slo}:${chart.chart}`).toBeGreaterThan(
        chart.chart === 'alerts' ? 50 : 140,
      );
      expect(chart.ticks).toBeGreaterThanOrEqual(7);
    }
    const byName = (slo: string, kind: string) =>
      probe.charts.find((chart) => chart.slo === slo && chart.chart === kind)!;
    for (const slo of ['answer-accuracy', 'p95-latency']) {
      const sli = byName(slo, 'sli');
      // The SLI line crosses (nearly) the whole week and has real length; CSS colours it.
      const line = sli.series.find((series) => series.length > 0)!;
      expect(line.width).toBeGreaterThan(750);
      expect(line.height).toBeGreaterThan(20);
      expect(line.length).toBeGreaterThan(1000);
      expect(line.stroke).toBe('rgb(37, 99, 235)');
      expect(sli.target[0]!.width).toBeGreaterThan(750);
      expect(sli.bands.length).toBeGreaterThanOrEqual(2);
      for (const band of sli.bands) expect(band.height).toBeGreaterThan(0);
      const budget = byName(slo, 'budget');
      expect(budget.series.some((series) => series.length > 500)).toBe(true);
      const alerts = byName(slo, 'alerts');
      for (const marker of alerts.markers) expect(marker.width * marker.height).toBeGreaterThan(0);
    }
    // The latency SLO's data gap splits its line; its overspent budget shades the region below 0.
    expect(byName('p95-latency', 'budget').negative[0]!.height).toBeGreaterThan(10);
    expect(byName('answer-accuracy', 'budget').negative).toEqual([]);
    expect(byName('answer-accuracy', 'alerts').markers).toHaveLength(6);
    expect(
      byName('answer-accuracy', 'alerts').markers.filter((m) => m.fill === 'rgb(255, 255, 255)'),
    ).toHaveLength(1);
    expect(byName('p95-latency', 'alerts').markers).toHaveLength(2);
    expect(probe.scrollHeight).toBeGreaterThan(1500);
  });

  async function screenshotOf(file: string): Promise<Buffer> {
    const page = await openPage(browser, file);
    try {
      return await page.screenshot({ type: 'png', timeout: 60_000 });
    } finally {
      await page.close();
    }
  }

  it('screenshots a dashboard with the charts painted in their colours', async () => {
    const blankFile = join(directory, 'blank.html');
    await writeFile(blankFile, '<!DOCTYPE html><html><head><title>blank</title></head><body></body></html>');
    const png = await screenshotOf(reportFile);
    const blank = await screenshotOf(blankFile);
    const image = decodePng(png);
    expect({ width: image.width, height: image.height }).toEqual(windowSize);
    expect(png.length).toBeGreaterThan(blank.length * 10);
    expect(png.length).toBeGreaterThan(100_000);
    // The SLI lines (blue), the critical threshold, bands and markers (red), budget lines (teal) are on screen.
    expect(countColour(image.pixels, [37, 99, 235])).toBeGreaterThan(3_000);
    expect(countColour(image.pixels, [220, 38, 38])).toBeGreaterThan(300);
    expect(countColour(image.pixels, [15, 118, 110])).toBeGreaterThan(1_000);
    const blankImage = decodePng(blank);
    expect(countColour(blankImage.pixels, [37, 99, 235])).toBe(0);
  });
});
