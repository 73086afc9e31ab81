import type { HistoryAlert } from '@slokit/core/internal';

/** Segments past this many share one "others" lane. */
const maxLanes = 6;

export interface AlertLane {
  label: string;
  title: string;
}

/**
 * The rows of the alert timeline: the level ribbon first (when there is one), then one lane per segment (the SLO
 * as a whole first), the segments past the limit together in a last lane. `laneOf` finds a segment's row.
 */
export function alertLanes(
  alerts: HistoryAlert[],
  hasRibbon: boolean,
): { lanes: AlertLane[]; laneOf(segment: string): number } {
  const segments = [...new Set(alerts.map((alert) => alert.segment))].sort((a, b) =>
    a === '' ? -1 : b === '' ? 1 : 0,
  );
  const shown = segments.length > maxLanes ? segments.slice(0, maxLanes - 1) : segments;
  const lanes: AlertLane[] = [
    ...(hasRibbon ? [{ label: 'level', title: 'alert level at each evaluation' }] : []),
    ...shown.map((segment) => ({
      label: segment === '' ? 'all' : segment,
      title: segment === '' ? 'the SLO as a whole' : `segment ${segment}`,
    })),
    ...(shown.length < segments.length
      ? [{ label: 'others', title: `${segments.length - shown.length} more segments` }]
      : []),
  ];
  const laneOf = (segment: string) => {
    const index = shown.indexOf(segment);
    return (hasRibbon ? 1 : 0) + (index === -1 ? shown.length : index);
  };
  return { lanes, laneOf };
}
