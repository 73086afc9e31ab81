import { formatValue, type HistorySloReport } from '@slokit/core/internal';
import { timeAxis, valueAxis } from './chart-axes.js';
import { plotLeft, plotRight } from './chart-layout.js';
import { chartRuns } from './chart-runs.js';
import { type TimeScale, valueScale } from './chart-scales.js';
import { envelope, seriesPath } from './series-path.js';
import { legendLine, legendSwatch, rect, round, svgOpen, thresholdLine } from './svg-primitives.js';

const height = 180;
const top = 12;
const bottom = height - 30;

/** The error budget remaining over the period, from 100 % down to 0 and below, where it is overspent. */
export function budgetChart(slo: HistorySloReport, time: TimeScale): string {
  const { runs, downsampled } = chartRuns(
    slo.series.map((point) => ({ at: Date.parse(point.at), value: point.budgetRemaining })),
  );
  const values = runs.flat().flatMap((point) => [point.low, point.high]);
  const scale = valueScale([0, 1, ...values], top, bottom, 'percent');
  const zero = scale.y(0);
  const overspent =
    scale.low < 0
      ? rect('budget-negative', plotLeft, zero, plotRight - plotLeft, bottom - zero) +
        (bottom - zero >= 16
          ? `<text class="zone-label" x="${plotLeft + 6}" y="${round(bottom - 5)}">overspent</text>`
          : '')
      : '';
  const last = runs.at(-1)?.at(-1);
  const label =
    `${slo.name}: error budget remaining over time` +
    (last ? `, ${formatValue(last.value, 'percent')} at the end of the period` : '') +
    (values.length > 0 ? `, lowest ${formatValue(Math.min(...values), 'percent')}` : '');
  return `<figure class="chart-figure">
${svgOpen('budget', slo, height, label)}
${rect('plot', plotLeft, top, plotRight - plotLeft, bottom - top)}
${overspent}
${valueAxis(scale, 'percent')}
${timeAxis(time, top, bottom)}
${thresholdLine('line-zero', zero)}
${downsampled ? envelope(runs, time, scale, 'envelope envelope-budget') : ''}
${seriesPath('series series-budget', runs, time, scale)}
</svg>
<figcaption class="legend">${legendLine('budget', 'budget remaining')}${legendLine('zero', 'exhausted (0%)')}${scale.low < 0 ? legendSwatch('budget-negative', 'overspent') : ''}</figcaption>
</figure>`;
}
