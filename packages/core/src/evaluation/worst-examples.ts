import type { EvalRecord } from '../record/eval-record.js';
import { compileFieldPath } from '../record/field-path.js';
import { compilePredicate } from '../sli/compile-predicate.js';
import type { ResolvedSlo } from '../slo/resolved-slo.js';

export interface WorstExample {
  id: string | null;
  url: string | null;
  timestamp: string | null;
  /** The metric's value, or for a ratio the field the good predicate tests. */
  value: unknown;
}

/** Keeps the worst few records a cycle saw for an SLO: slowest or lowest-scoring, or the bad events of a ratio. */
export class WorstExamples {
  private readonly examples: Array<{ rank: number; example: WorstExample }> = [];
  private readonly rankOf: (record: EvalRecord) => number | undefined;
  private readonly read: (record: EvalRecord) => unknown;

  constructor(
    slo: ResolvedSlo,
    private readonly limit = 5,
  ) {
    const sli = slo.sli;
    if (sli.kind === 'ratio') {
      const isGood = compilePredicate(sli.good);
      const higherIsBetter = slo.objective.op === 'gte' || slo.objective.op === 'gt';
      this.read = compileFieldPath(sli.good.field);
      // Bad events, newest first: for gte a record that is not good, for lte one the (bad-event) predicate matches.
      this.rankOf = (record) => {
        const bad = higherIsBetter ? !isGood(record) : isGood(record);
        return bad ? Date.parse(record.timestamp ?? '') || 0 : undefined;
      };
    } else if (sli.kind === 'metric') {
      const read = compileFieldPath(sli.metric);
      const lowerIsBetter = slo.objective.op === 'lte' || slo.objective.op === 'lt';
      this.read = read;
      this.rankOf = (record) => {
        const value = read(record);
        const number =
          typeof value === 'number' ? value : typeof value === 'boolean' ? Number(value) : Number.NaN;
        if (!Number.isFinite(number)) return undefined;
        return lowerIsBetter ? number : -number;
      };
    } else {
      this.read = () => undefined;
      this.rankOf = () => undefined;
    }
  }

  consider(record: EvalRecord): void {
    const rank = this.rankOf(record);
    if (rank === undefined) return;
    if (this.examples.length >= this.limit && rank <= this.examples[this.examples.length - 1]!.rank) return;
    this.examples.push({
      rank,
      example: {
        id: record.id ?? null,
        url: record.url ?? null,
        timestamp: record.timestamp ?? null,
        value: this.read(record),
      },
    });
    this.examples.sort((a, b) => b.rank - a.rank);
    if (this.examples.length > this.limit) this.examples.pop();
  }

  list(): WorstExample[] {
    return this.examples.map((entry) => entry.example);
  }
}
