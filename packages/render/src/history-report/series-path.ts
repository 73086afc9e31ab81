import type { ChartPoint } from './chart-runs.js';
import type { TimeScale, ValueScale } from './chart-scales.js';
import { round } from './svg-primitives.js';

/** The line through each run of points; a run of one point is drawn as a dot. */
export function seriesPath(
  classes: string,
  runs: ChartPoint[][],
  time: TimeScale,
  scale: ValueScale,
): string {
  const path = runs
    .filter((run) => run.length > 1)
    .map((run) =>
      run
        .map(
          (point, index) =>
            `${index === 0 ? 'M' : 'L'}${round(time.x(point.at))} ${round(scale.y(point.value))}`,
        )
        .join(''),
    )
    .join('');
  const dots = runs
    .filter((run) => run.length === 1)
    .map(
      (run) =>
        `<circle class="${classes} dot" cx="${round(time.x(run[0]!.at))}" cy="${round(scale.y(run[0]!.value))}" r="3"/>`,
    );
  return (path === '' ? '' : `<path class="${classes}" d="${path}"/>`) + dots.join('');
}

/** The band between each run's minimums and maximums (of averaged time slots). */
export function envelope(
  runs: ChartPoint[][],
  time: TimeScale,
  scale: ValueScale,
  classes = 'envelope',
): string {
  const path = runs
    .filter((run) => run.length > 1)
    .map((run) => {
      const upper = run.map(
        (point, index) =>
          `${index === 0 ? 'M' : 'L'}${round(time.x(point.at))} ${round(scale.y(point.high))}`,
      );
      const lower = [...run]
        .reverse()
        .map((point) => `L${round(time.x(point.at))} ${round(scale.y(point.low))}`);
      return `${upper.join('')}${lower.join('')}Z`;
    })
    .join('');
  return path === '' ? '' : `<path class="${classes}" d="${path}"/>`;
}
