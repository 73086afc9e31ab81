import { isNumber } from './is-number.js';
import { downsample } from './sparkline.js';
import { round } from './svg-primitives.js';

/** The summary table's trend: a 120×24 inline line of the series, hidden from assistive technology. */
export function sparklineSvg(values: Array<number | null>): string {
  const points = downsample(
    values.map((value) => (isNumber(value) ? value : null)),
    60,
  );
  const present = points.filter(isNumber);
  if (present.length === 0) return '';
  const low = Math.min(...present);
  const high = Math.max(...present);
  const x = (index: number) => (points.length === 1 ? 60 : 2 + (index * 116) / (points.length - 1));
  const y = (value: number) => (high === low ? 12 : 21 - ((value - low) / (high - low)) * 18);
  let path = '';
  let previous = false;
  points.forEach((value, index) => {
    if (value === null) {
      previous = false;
      return;
    }
    path += `${previous ? 'L' : 'M'}${round(x(index))} ${round(y(value))}`;
    previous = true;
  });
  const single =
    present.length === 1 ? `<circle cx="${round(x(points.findIndex(isNumber)))}" cy="12" r="2"/>` : '';
  return `<svg class="spark" viewBox="0 0 120 24" aria-hidden="true"><path d="${path}"/>${single}</svg>`;
}
