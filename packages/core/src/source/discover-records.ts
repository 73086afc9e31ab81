import type { EvalRecord } from '../record/eval-record.js';

export interface KeyStats {
  key: string;
  /** Records that have the key. */
  count: number;
  kind: 'number' | 'boolean' | 'string' | 'mixed';
  min?: number;
  max?: number;
  /** For strings: up to 10 most frequent values with their counts. */
  topValues?: Array<{ value: string; count: number }>;
  /** Distinct values seen (strings), capped at 1,000. */
  distinct?: number;
}

/** What a sample of a source's records holds, for writing SLOs against fields that exist. */
export interface SourceDiscovery {
  records: number;
  first: string | null;
  last: string | null;
  errors: number;
  withLatency: number;
  withCost: number;
  withTokens: number;
  scores: KeyStats[];
  metadata: KeyStats[];
}

const distinctCap = 1000;

/** Accumulates a SourceDiscovery record by record. */
export class RecordDiscovery {
  private records = 0;
  private first = Number.POSITIVE_INFINITY;
  private last = Number.NEGATIVE_INFINITY;
  private errors = 0;
  private withLatency = 0;
  private withCost = 0;
  private withTokens = 0;
  private readonly scores = new Map<string, KeyAccumulator>();
  private readonly metadata = new Map<string, KeyAccumulator>();

  add(record: EvalRecord, time: number): void {
    this.records++;
    if (!Number.isNaN(time)) {
      this.first = Math.min(this.first, time);
      this.last = Math.max(this.last, time);
    }
    if (record.status === 'error') this.errors++;
    if (record.latency_ms !== undefined) this.withLatency++;
    if (record.cost_usd !== undefined) this.withCost++;
    if (record.tokens?.total !== undefined) this.withTokens++;
    for (const [key, value] of Object.entries(record.scores ?? {})) accumulate(this.scores, key, value);
    for (const [key, value] of Object.entries(record.metadata ?? {})) accumulate(this.metadata, key, value);
  }

  result(): SourceDiscovery {
    return {
      records: this.records,
      first: Number.isFinite(this.first) ? new Date(this.first).toISOString() : null,
      last: Number.isFinite(this.last) ? new Date(this.last).toISOString() : null,
      errors: this.errors,
      withLatency: this.withLatency,
      withCost: this.withCost,
      withTokens: this.withTokens,
      scores: summarize(this.scores),
      metadata: summarize(this.metadata),
    };
  }
}

interface KeyAccumulator {
  count: number;
  kinds: Set<string>;
  min: number;
  max: number;
  values: Map<string, number>;
}

function accumulate(map: Map<string, KeyAccumulator>, key: string, value: unknown): void {
  if (value === undefined || value === null) return;
  let entry = map.get(key);
  if (!entry) {
    entry = {
      count: 0,
      kinds: new Set(),
      min: Number.POSITIVE_INFINITY,
      max: Number.NEGATIVE_INFINITY,
      values: new Map(),
    };
    map.set(key, entry);
  }
  entry.count++;
  const kind =
    typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string'
      ? typeof value
      : 'mixed';
  entry.kinds.add(kind);
  if (typeof value === 'number') {
    entry.min = Math.min(entry.min, value);
    entry.max = Math.max(entry.max, value);
  } else if (typeof value === 'string') {
    const seen = entry.values.get(value);
    if (seen !== undefined) entry.values.set(value, seen + 1);
    else if (entry.values.size < distinctCap) entry.values.set(value, 1);
  }
}

function summarize(map: Map<string, KeyAccumulator>): KeyStats[] {
  return [...map.entries()]
    .sort(([a, left], [b, right]) => right.count - left.count || a.localeCompare(b))
    .map(([key, entry]) => {
      const kind = entry.kinds.size === 1 ? ([...entry.kinds][0] as KeyStats['kind']) : 'mixed';
      const stats: KeyStats = { key, count: entry.count, kind };
      if (Number.isFinite(entry.min)) {
        stats.min = entry.min;
        stats.max = entry.max;
      }
      if (entry.values.size > 0) {
        stats.distinct = entry.values.size;
        stats.topValues = [...entry.values.entries()]
          .sort(([a, left], [b, right]) => right - left || a.localeCompare(b))
          .slice(0, 10)
          .map(([value, count]) => ({ value, count }));
      }
      return stats;
    });
}
