/** Where a run sits in the order runs are paged in: by start time, then id. */
export interface RunPosition {
  start: number;
  id: string;
}

export function compareRuns(a: RunPosition, b: RunPosition): number {
  return a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** First index whose run is at or after `position`. */
export function lowerBound(runs: readonly RunPosition[], position: RunPosition): number {
  let low = 0;
  let high = runs.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareRuns(runs[middle]!, position) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** First index whose run is after `position`. */
export function upperBound(runs: readonly RunPosition[], position: RunPosition): number {
  let low = 0;
  let high = runs.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareRuns(runs[middle]!, position) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}
