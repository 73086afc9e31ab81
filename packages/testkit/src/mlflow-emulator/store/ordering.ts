import type { MetricPoint, StoredTrace } from './stored-records.js';

/** Sorts undefined last in either direction, like SQL NULLS LAST. */
export function compareBy<T>(
  read: (item: T) => string | number | undefined,
  ascending: boolean,
): (a: T, b: T) => number {
  return (a, b) => {
    const left = read(a);
    const right = read(b);
    if (left === right) return 0;
    if (left === undefined) return 1;
    if (right === undefined) return -1;
    const order = left < right ? -1 : 1;
    return ascending ? order : -order;
  };
}

export function chain<T>(comparators: Array<(a: T, b: T) => number>): (a: T, b: T) => number {
  return (a, b) => {
    for (const comparator of comparators) {
      const order = comparator(a, b);
      if (order !== 0) return order;
    }
    return 0;
  };
}

export function compareTraces(a: StoredTrace, b: StoredTrace): number {
  return a.timestampMs - b.timestampMs || (a.traceId < b.traceId ? -1 : a.traceId > b.traceId ? 1 : 0);
}

/** The latest value of a metric is the greatest (step, timestamp, value). */
export function compareMetrics(a: MetricPoint, b: MetricPoint): number {
  return a.step - b.step || a.timestamp - b.timestamp || (a.value > b.value ? 1 : a.value < b.value ? -1 : 0);
}

/** The first index whose item does not satisfy `before` (items satisfying it come first). */
export function lowerBound<T>(list: T[], before: (item: T) => boolean): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (before(list[middle]!)) low = middle + 1;
    else high = middle;
  }
  return low;
}
