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

/** Counts by consecutive integer key: `counts[i]` is the count of key `offset + i`. */
class DenseCounts {
  offset = 0;
  counts: number[] = [];

  add(key: number, weight: number): void {
    if (this.counts.length === 0) this.offset = key;
    if (key < this.offset) {
      this.counts = [...new Array<number>(this.offset - key).fill(0), ...this.counts];
      this.offset = key;
    }
    const index = key - this.offset;
    while (this.counts.length <= index) this.counts.push(0);
    this.counts[index]! += weight;
  }

  merge(offset: number, counts: ArrayLike<number>): void {
    if (counts.length === 0) return;
    this.add(offset, 0);
    this.add(offset + counts.length - 1, 0);
    const shift = offset - this.offset;
    for (let index = 0; index < counts.length; index++) this.counts[shift + index]! += counts[index]!;
  }

  total(): number {
    let total = 0;
    for (const count of this.counts) total += count;
    return total;
  }

  serialize(): string {
    let first = 0;
    let last = this.counts.length - 1;
    while (first <= last && this.counts[first] === 0) first++;
    while (last >= first && this.counts[last] === 0) last--;
    if (first > last) return '';
    return `${this.offset + first}:${this.counts.slice(first, last + 1).join(',')}`;
  }
}

/**
 * A DDSketch-compatible histogram (same logarithmic buckets, same quantile rule: the value at rank q·(n−1), within
 * the relative accuracy) kept as dense counts over consecutive keys, so it serializes compactly and merges exactly:
 * SLI history stores one per time bucket and answers any window's percentiles by merging them.
 */
export class LogHistogram {
  readonly relativeAccuracy: number;
  private readonly mapping: KeyMapping;
  private readonly positive = new DenseCounts();
  private readonly negative = new DenseCounts();
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
    if (value > this.mapping.minPossible) this.positive.add(this.mapping.key(value), weight);
    else if (value < -this.mapping.minPossible) this.negative.add(this.mapping.key(-value), weight);
    else this.zero += weight;
  }

  merge(other: LogHistogram): void {
    if (other.relativeAccuracy !== this.relativeAccuracy) {
      throw new RangeError('Cannot merge histograms with different relative accuracy');
    }
    this.positive.merge(other.positive.offset, other.positive.counts);
    this.negative.merge(other.negative.offset, other.negative.counts);
    this.zero += other.zero;
    this.total += other.total;
  }

  /** Merges a serialized histogram without building one: how history merges hundreds of stored buckets. */
  mergeSerialized(text: string): void {
    const parts = parseParts(text);
    if (parts.relativeAccuracy !== this.relativeAccuracy) {
      throw new RangeError('Cannot merge histograms with different relative accuracy');
    }
    this.zero += parts.zero;
    this.total += parts.zero;
    for (const [store, part] of [
      [this.positive, parts.positive],
      [this.negative, parts.negative],
    ] as const) {
      if (part === undefined) continue;
      store.merge(part.offset, part.counts);
      for (const count of part.counts) this.total += count;
    }
  }

  /** The value at rank q·(count − 1); undefined when empty. Clamp to the true min/max where known. */
  quantile(q: number): number | undefined {
    if (!(q >= 0 && q <= 1)) throw new RangeError(`Quantile must be within [0, 1], got ${q}`);
    if (this.total === 0) return undefined;
    const rank = q * (this.total - 1);
    let seen = 0;
    // Most negative first: negative keys in descending order of magnitude.
    const negative = this.negative;
    for (let index = negative.counts.length - 1; index >= 0; index--) {
      seen += negative.counts[index]!;
      if (seen > rank) return -this.mapping.value(negative.offset + index);
    }
    seen += this.zero;
    if (seen > rank) return 0;
    const positive = this.positive;
    let lastKey: number | undefined;
    for (let index = 0; index < positive.counts.length; index++) {
      const count = positive.counts[index]!;
      if (count === 0) continue;
      lastKey = positive.offset + index;
      seen += count;
      if (seen > rank) return this.mapping.value(lastKey);
    }
    // Float rounding of the rank: the largest bucket.
    return lastKey === undefined ? 0 : this.mapping.value(lastKey);
  }

  /** Compact text: `a<accuracy>;z<zero>;p<first key>:<count>,<count>,...;n<first key>:<count>,...`. */
  serialize(): string {
    return `a${this.relativeAccuracy};z${this.zero};p${this.positive.serialize()};n${this.negative.serialize()}`;
  }

  static parse(text: string): LogHistogram {
    const parts = parseParts(text);
    const histogram = new LogHistogram(parts.relativeAccuracy);
    histogram.mergeSerialized(text);
    return histogram;
  }
}

interface DenseText {
  offset: number;
  counts: number[];
}

function parseParts(text: string): {
  relativeAccuracy: number;
  zero: number;
  positive?: DenseText;
  negative?: DenseText;
} {
  const sections = text.split(';');
  const [accuracy, zero, positive, negative] = sections;
  if (
    sections.length !== 4 ||
    !accuracy?.startsWith('a') ||
    !zero?.startsWith('z') ||
    !positive?.startsWith('p') ||
    !negative?.startsWith('n')
  ) {
    throw new RangeError(`not a serialized LogHistogram: ${text.slice(0, 40)}`);
  }
  const parts: { relativeAccuracy: number; zero: number; positive?: DenseText; negative?: DenseText } = {
    relativeAccuracy: Number(accuracy.slice(1)),
    zero: Number(zero.slice(1)),
  };
  const positivePart = parseDense(positive.slice(1), text);
  const negativePart = parseDense(negative.slice(1), text);
  if (positivePart) parts.positive = positivePart;
  if (negativePart) parts.negative = negativePart;
  if (!Number.isFinite(parts.relativeAccuracy) || !Number.isFinite(parts.zero)) {
    throw new RangeError(`not a serialized LogHistogram: ${text.slice(0, 40)}`);
  }
  return parts;
}

function parseDense(part: string, text: string): DenseText | undefined {
  if (part === '') return undefined;
  const colon = part.indexOf(':');
  const offset = Number(part.slice(0, colon));
  const counts = part
    .slice(colon + 1)
    .split(',')
    .map(Number);
  if (colon < 0 || !Number.isInteger(offset) || counts.some((count) => !Number.isFinite(count))) {
    throw new RangeError(`not a serialized LogHistogram: ${text.slice(0, 40)}`);
  }
  return { offset, counts };
}
