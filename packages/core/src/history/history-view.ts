import type { StateStore } from '../state/state-store.js';
import { BucketAggregate } from './bucket-aggregate.js';
import { alignUp, BucketSeries, bucketMs } from './history-window.js';

export const hourMs = 3_600_000;
export const dayMs = 86_400_000;
export type Resolution = '5m' | '1h' | '1d';

const alignDownTo = (time: number, size: number) => Math.floor(time / size) * size;
const alignUpTo = (time: number, size: number) => Math.ceil(time / size) * size;

/** Rollups share the SLO's definition hash with a resolution suffix. */
export function resolutionDefinition(definition: string, resolution: Resolution): string {
  return resolution === '5m' ? definition : `${definition}:${resolution}`;
}

/**
 * An SLO's history read through 5-minute buckets and hourly and daily rollups. Windows up to a day merge 5-minute
 * buckets; longer ones merge the current hour's 5-minute buckets, hourly rollups and daily rollups for whole days, so
 * a 30-day window merges about 90 rows instead of 8,640 buckets, and starts on the hour.
 */
export class HistoryView {
  readonly to: number;
  /** Windows starting here or later are answered by 5-minute buckets alone. */
  readonly fineStart: number;
  /** Longer windows use 5-minute buckets from here on (the current hour), rollups before. */
  readonly hourEnd: number;
  private readonly series: Record<Resolution, BucketSeries> = {
    '5m': new BucketSeries(),
    '1h': new BucketSeries(),
    '1d': new BucketSeries(),
  };

  constructor(at: number) {
    this.to = alignUp(at);
    this.fineStart = alignDownTo(this.to - dayMs, hourMs);
    this.hourEnd = alignDownTo(this.to, hourMs);
  }

  /**
   * Loads what windows starting at `froms` (and ending at `at`) need, plus `extra` ranges of each resolution (the
   * buckets a cycle's new records fall in, to merge them into).
   */
  static async load(
    store: StateStore,
    query: { slo: string; definition: string; at: number; froms: number[] },
    extra: { from: number } | undefined = undefined,
  ): Promise<HistoryView> {
    const view = new HistoryView(query.at);
    const ranges: Record<Resolution, Array<[number, number]>> = { '5m': [], '1h': [], '1d': [] };
    for (const from of query.froms) {
      ranges['5m'].push([from >= view.fineStart ? alignDownTo(from, bucketMs) : view.hourEnd, view.to]);
      if (from >= view.fineStart) continue;
      const start = alignDownTo(Math.max(from, 0), hourMs);
      ranges['1h'].push([start, Math.min(alignUpTo(start, dayMs), view.hourEnd)]);
      ranges['1h'].push([Math.max(alignDownTo(view.hourEnd, dayMs), start), view.hourEnd]);
      ranges['1d'].push([alignUpTo(start, dayMs), alignDownTo(view.hourEnd, dayMs)]);
    }
    if (extra) {
      ranges['5m'].push([alignDownTo(extra.from, bucketMs), view.to]);
      ranges['1h'].push([alignDownTo(extra.from, hourMs), view.to]);
      ranges['1d'].push([alignDownTo(extra.from, dayMs), view.to]);
    }
    for (const resolution of ['5m', '1h', '1d'] as const) {
      for (const [from, to] of mergeRanges(ranges[resolution])) {
        const rows = await store.getBuckets({
          slo: query.slo,
          definition: resolutionDefinition(query.definition, resolution),
          from,
          to,
        });
        for (const row of rows) view.set(resolution, row.segment, row.start, BucketAggregate.fromRow(row));
      }
    }
    return view;
  }

  get(resolution: Resolution, segment: string, start: number): BucketAggregate | undefined {
    return this.series[resolution].get(segment, start);
  }

  set(resolution: Resolution, segment: string, start: number, aggregate: BucketAggregate): void {
    this.series[resolution].set(segment, start, aggregate);
  }

  segments(): string[] {
    const all = new Set<string>();
    for (const series of Object.values(this.series))
      for (const segment of series.segments()) all.add(segment);
    return [...all].sort((a, b) => a.localeCompare(b));
  }

  /** The merged aggregates of `[from, to)`: 5-minute buckets where they answer, rollups before. */
  merged(segment: string, from: number, to: number, withHistogram: boolean): BucketAggregate {
    const merged = new BucketAggregate(withHistogram);
    const add = (resolution: Resolution, start: number, end: number) => {
      if (start >= end) return;
      for (const [, bucket] of this.series[resolution].buckets(segment, start, end)) merged.merge(bucket);
    };
    const end = Math.min(to, this.to);
    if (from >= this.fineStart) {
      add('5m', alignDownTo(from, bucketMs), end);
      return merged;
    }
    add('5m', this.hourEnd, end);
    const coarseFrom = alignDownTo(Math.max(from, 0), hourMs);
    const dayFrom = alignUpTo(coarseFrom, dayMs);
    const dayTo = alignDownTo(this.hourEnd, dayMs);
    if (dayFrom < dayTo) {
      add('1h', coarseFrom, dayFrom);
      add('1d', dayFrom, dayTo);
      add('1h', dayTo, this.hourEnd);
    } else {
      add('1h', coarseFrom, this.hourEnd);
    }
    return merged;
  }
}

function mergeRanges(ranges: Array<[number, number]>): Array<[number, number]> {
  const sorted = ranges.filter(([from, to]) => from < to).sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}
