import type { ResolvedSlo } from '../slo/resolved-slo.js';
import { satisfies } from '../slo/slo-status.js';
import type { SliBucket } from '../state/state-store.js';
import { BucketAggregate } from './bucket-aggregate.js';
import { dayMs, type HistoryView, hourMs, type Resolution, resolutionDefinition } from './history-view.js';
import { BucketSeries } from './history-window.js';
import { windowValue } from './window-value.js';

const rollupSizes = [
  ['1h', hourMs],
  ['1d', dayMs],
] as const;

/**
 * Folds a cycle's new records (`deltas`, 5-minute buckets by segment) into the stored buckets of `view` and their
 * hourly and daily rollups, and returns the rows to write. A 5-minute bucket of a value SLI is one slice: good when
 * its value meets the objective. Rollups count slices; when late data changes a slice's verdict, the rollups take
 * the difference.
 */
export function foldDeltas(
  slo: ResolvedSlo,
  definition: string,
  deltas: BucketSeries,
  view: HistoryView,
  withHistogram: boolean,
): SliBucket[] {
  const rows: SliBucket[] = [];
  const write = (resolution: Resolution, segment: string, start: number, aggregate: BucketAggregate) => {
    view.set(resolution, segment, start, aggregate);
    const key = { slo: slo.name, definition: resolutionDefinition(definition, resolution), segment, start };
    rows.push(aggregate.toRow(key));
  };
  const rollups = { '1h': new BucketSeries(), '1d': new BucketSeries() };
  for (const segment of ['', ...deltas.segments()]) {
    for (const [start, delta] of deltas.buckets(segment, 0, Number.POSITIVE_INFINITY)) {
      write('5m', segment, start, mergeSlice(slo, view.get('5m', segment, start), delta, withHistogram));
      for (const [resolution, size] of rollupSizes) {
        const rollupStart = Math.floor(start / size) * size;
        const pending = rollups[resolution].getOrCreate(segment, rollupStart, () => {
          const fresh = new BucketAggregate(withHistogram);
          const existing = view.get(resolution, segment, rollupStart);
          if (existing) fresh.merge(existing);
          return fresh;
        });
        pending.merge(delta);
      }
    }
  }
  for (const [resolution] of rollupSizes) {
    for (const segment of ['', ...rollups[resolution].segments()]) {
      for (const [start, aggregate] of rollups[resolution].buckets(segment, 0, Number.POSITIVE_INFINITY)) {
        write(resolution, segment, start, aggregate);
      }
    }
  }
  return rows;
}

/** A stored 5-minute bucket plus its delta; the delta keeps the change of the slice verdict for the rollups. */
function mergeSlice(
  slo: ResolvedSlo,
  stored: BucketAggregate | undefined,
  delta: BucketAggregate,
  withHistogram: boolean,
): BucketAggregate {
  const merged = new BucketAggregate(withHistogram);
  if (stored) merged.merge(stored);
  merged.merge(delta);
  if (slo.sli.kind === 'metric') {
    const value = windowValue(slo.sli, merged).value;
    merged.slices = value === null ? 0 : 1;
    merged.goodSlices = value !== null && satisfies(value, slo.objective.op, slo.objective.target) ? 1 : 0;
  }
  delta.slices = merged.slices - (stored?.slices ?? 0);
  delta.goodSlices = merged.goodSlices - (stored?.goodSlices ?? 0);
  return merged;
}
