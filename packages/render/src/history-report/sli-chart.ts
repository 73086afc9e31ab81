import {
  classifyStatus,
  formatCount,
  formatOp,
  formatValue,
  type HistorySloReport,
} from '@slokit/core/internal';
import { escapeHtml } from '../report/escape-html.js';
import { statusLabels } from '../report/status-label.js';
import { timeAxis, valueAxis } from './chart-axes.js';
import { plotLeft, plotRight } from './chart-layout.js';
import { chartRuns } from './chart-runs.js';
import { type TimeScale, type ValueScale, valueScale } from './chart-scales.js';
import { isNumber } from './is-number.js';
import { envelope, seriesPath } from './series-path.js';
import { legendLine, legendSwatch, rect, svgOpen, thresholdLine } from './svg-primitives.js';

const height = 260;
const top = 12;
const bottom = height - 30;
const bandStatuses = ['at_risk', 'warning', 'critical'] as const;

type BandStatus = (typeof bandStatuses)[number];

/** The SLI over the period against its target, with the warning and critical thresholds and their zones. */
export function sliChart(slo: HistorySloReport, time: TimeScale): string {
  const { runs, downsampled } = chartRuns(
    slo.series.map((point) => ({ at: Date.parse(point.at), value: point.value })),
  );
  if (runs.length === 0) {
    const empty =
      slo.series.length === 0 ? '' : ` (${formatCount(slo.series.length)} evaluations without a value)`;
    return `<p class="no-data">No data in this period${escapeHtml(empty)}.</p>`;
  }
  const points = runs.flat();
  const values = points.flatMap((point) => [point.low, point.high]);
  const thresholds = [slo.target, slo.warning, slo.critical].filter(isNumber);
  const scale = valueScale([...values, ...thresholds], top, bottom, slo.unit);
  const bands = statusBands(slo, thresholds, scale);
  const lines = [
    thresholdLine('line-target', scale.y(slo.target)),
    isNumber(slo.warning) ? thresholdLine('line-warning', scale.y(slo.warning)) : '',
    isNumber(slo.critical) ? thresholdLine('line-critical', scale.y(slo.critical)) : '',
  ];
  const label =
    `${slo.name}: SLI over time against the target ${formatOp(slo.op)} ${formatValue(slo.target, slo.unit, true)}; ` +
    `${formatCount(slo.series.length)} evaluations${downsampled ? `, averaged into ${points.length} points` : ''}, ` +
    `lowest ${formatValue(Math.min(...values), slo.unit)}, highest ${formatValue(Math.max(...values), slo.unit)}`;
  return `<figure class="chart-figure">
${svgOpen('sli', slo, height, label)}
${rect('plot', plotLeft, top, plotRight - plotLeft, bottom - top)}
${bands.map((band) => band.shape).join('')}
${valueAxis(scale, slo.unit)}
${timeAxis(time, top, bottom)}
${lines.join('')}
${downsampled ? envelope(runs, time, scale) : ''}
${seriesPath('series series-sli', runs, time, scale)}
</svg>
<figcaption class="legend">${sliLegend(slo, downsampled, bands).join('')}</figcaption>
</figure>`;
}

/**
 * Each stretch between thresholds shaded by the status a value there would have: the bands follow the objective's
 * direction (below the target for ≥, above it for ≤) exactly as evaluation classifies.
 */
function statusBands(
  slo: HistorySloReport,
  thresholds: number[],
  scale: ValueScale,
): Array<{ status: BandStatus; shape: string }> {
  const objective = {
    op: slo.op,
    target: slo.target,
    ...(isNumber(slo.warning) ? { warning: slo.warning } : {}),
    ...(isNumber(slo.critical) ? { critical: slo.critical } : {}),
  };
  const edges = [
    ...new Set([scale.low, scale.high, ...thresholds.filter((v) => v > scale.low && v < scale.high)]),
  ];
  edges.sort((a, b) => a - b);
  const bands: Array<{ status: BandStatus; shape: string }> = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const low = edges[i]!;
    const high = edges[i + 1]!;
    const status = classifyStatus((low + high) / 2, 1, 1, objective);
    if (status !== 'at_risk' && status !== 'warning' && status !== 'critical') continue;
    const shape = rect(
      `band band-${status}`,
      plotLeft,
      scale.y(high),
      plotRight - plotLeft,
      scale.y(low) - scale.y(high),
    );
    bands.push({ status, shape });
  }
  return bands;
}

function sliLegend(
  slo: HistorySloReport,
  downsampled: boolean,
  bands: Array<{ status: BandStatus }>,
): string[] {
  return [
    legendLine('sli', downsampled ? 'SLI (average, with min-max range)' : 'SLI'),
    legendLine('target', `target ${formatOp(slo.op)} ${formatValue(slo.target, slo.unit, true)}`),
    isNumber(slo.warning) ? legendLine('warning', `warning ${formatValue(slo.warning, slo.unit, true)}`) : '',
    isNumber(slo.critical)
      ? legendLine('critical', `critical ${formatValue(slo.critical, slo.unit, true)}`)
      : '',
    ...bandStatuses
      .filter((status) => bands.some((band) => band.status === status))
      .map((status) => legendSwatch(`band-${status}`, `${statusLabels[status].text} zone`)),
  ];
}
