import { DDSketch } from '@datadog/sketches-js';

type KeyMapping = DDSketch['mapping'];

const mappings = new Map<number, KeyMapping>();

/** The DDSketch logarithmic key mapping for a relative accuracy (the library exports it only through a sketch). */
function mappingFor(relativeAccuracy: number): KeyMapping {
  let mapping = mappings.get(relativeAccuracy);
  if (!mapping) {
    mapping = new DDSketch({ relativeAccuracy }).mapping;
    mappings.set(relativeAccuracy, mapping);
  }
  return mapping;
}

/**
 * A DDSketch-compatible histogram (same logarithmic buckets, same quantile rule: the value at rank q·(n−1), within
 * the relative accuracy) kept as sparse counts, so it serializes compactly and merges exactly: SLI history stores
 * one per time bucket and answers any window's percentiles by merging them.
 */
export class LogHistogram {
  readonly relativeAccuracy: number;
  private readonly mapping: KeyMapping;
  private readonly positive = new Map<number, number>();
  private readonly negative = new Map<number, number>();
  private zero = 0;
  private total = 0;

  constructor(relativeAccuracy = 0.01) {
    this.relativeAccuracy = relativeAccuracy;
    this.mapping = mappingFor(relativeAccuracy);
  }

  get count(): number {
    return this.total;
  }

  add(value: number, weight = 1): void {
    if (!Number.isFinite(value))
      throw new RangeError(`LogHistogram accepts finite values only, got ${value}`);
    this.total += weight;
    if (value > this.mapping.minPossible) increment(this.positive, this.mapping.key(value), weight);
    else if (value < -this.mapping.minPossible) increment(this.negative, this.mapping.key(-value), weight);
    else this.zero += weight;
  }

  merge(other: LogHistogram): void {
    if (other.relativeAccuracy !== this.relativeAccuracy) {
      throw new RangeError('Cannot merge histograms with different relative accuracy');
    }
    for (const [key, count] of other.positive) increment(this.positive, key, count);
    for (const [key, count] of other.negative) increment(this.negative, key, count);
    this.zero += other.zero;
    this.total += other.total;
  }

  /** The value at rank q·(count − 1); undefined when empty. Clamp to the true min/max where known. */
  quantile(q: number): number | undefined {
    if (!(q >= 0 && q <= 1)) throw new RangeError(`Quantile must be within [0, 1], got ${q}`);
    if (this.total === 0) return undefined;
    const rank = q * (this.total - 1);
    let seen = 0;
    // Most negative first: negative keys in descending order of magnitude.
    for (const key of [...this.negative.keys()].sort((a, b) => b - a)) {
      seen += this.negative.get(key)!;
      if (seen > rank) return -this.mapping.value(key);
    }
    seen += this.zero;
    if (seen > rank) return 0;
    for (const key of [...this.positive.keys()].sort((a, b) => a - b)) {
      seen += this.positive.get(key)!;
      if (seen > rank) return this.mapping.value(key);
    }
    // Float rounding of the rank: the largest bucket.
    const keys = [...this.positive.keys()];
    return keys.length > 0 ? this.mapping.value(Math.max(...keys)) : 0;
  }

  /** Compact text: `a<accuracy>;z<zero>;p<key>:<count>,...;n<key>:<count>,...`. */
  serialize(): string {
    const encode = (map: Map<number, number>) =>
      [...map.entries()]
        .sort(([a], [b]) => a - b)
        .map(([key, count]) => `${key}:${count}`)
        .join(',');
    return `a${this.relativeAccuracy};z${this.zero};p${encode(this.positive)};n${encode(this.negative)}`;
  }

  static parse(text: string): LogHistogram {
    const match = /^a([\d.e-]+);z(\d+(?:\.\d+)?);p([-\d:.,]*);n([-\d:.,]*)$/.exec(text);
    if (!match) throw new RangeError(`not a serialized LogHistogram: ${text.slice(0, 40)}`);
    const histogram = new LogHistogram(Number(match[1]));
    const zero = Number(match[2]);
    histogram.zero = zero;
    histogram.total = zero;
    for (const [part, map] of [
      [match[3]!, histogram.positive],
      [match[4]!, histogram.negative],
    ] as const) {
      if (part === '') continue;
      for (const entry of part.split(',')) {
        const [key, count] = entry.split(':').map(Number) as [number, number];
        increment(map, key, count);
        histogram.total += count;
      }
    }
    return histogram;
  }
}

function increment(map: Map<number, number>, key: number, weight: number): void {
  map.set(key, (map.get(key) ?? 0) + weight);
}
