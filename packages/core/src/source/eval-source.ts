import type { EvalRecord } from '../record/eval-record.js';

/** A record a source could not use, reported (never silently dropped) with where it was found. */
export interface RecordIssue {
  source: string;
  /** A file, a run id, a URL: where the bad record lives. */
  location: string;
  /** 1-based line in a JSONL or CSV file. */
  line?: number;
  message: string;
}

/** Records read in one step, with their parsed times (epoch ms, NaN when a record has no timestamp). */
export interface RecordBatch {
  records: EvalRecord[];
  times: number[];
  issues: RecordIssue[];
  /** Where to resume after this batch; opaque to everyone but the source. */
  cursor?: string;
}

export interface ReadRecordsOptions {
  /** Return only records after this time (exclusive). Records without a time are returned only without `since`. */
  since?: Date;
  /** Return only records at or before this time (inclusive). */
  until?: Date;
  /** Resume after the batch that returned this cursor, with the same since/until. */
  cursor?: string;
  signal?: AbortSignal;
}

/** Metrics an evaluation already aggregated (`accuracy`, `correctness/mean`), from the latest eval run. */
export interface EvalSummary {
  /** Metric values; null when the tracker recorded no value (NaN). */
  metrics: Record<string, number | null>;
  /** How many examples the evaluation scored, when known. */
  samples?: number;
  name?: string;
  /** ISO 8601 time of the evaluation. */
  timestamp?: string;
  url?: string;
}

/**
 * Version 1 of the contract every source adapter implements (file, LangSmith, MLflow, Weave).
 * Records stream as batches so a million runs never sit in memory at once.
 */
export interface EvalSourceV1 {
  readonly specificationVersion: 'v1';
  /** The name the user gave the source in the config. */
  readonly name: string;
  /** The source type: file, langsmith, mlflow, weave. */
  readonly type: string;
  readRecords(options?: ReadRecordsOptions): AsyncIterable<RecordBatch>;
  /** The latest eval summary, for `evalMetric` SLOs; absent when the source has none. */
  readEvalSummary?(options?: { signal?: AbortSignal }): Promise<EvalSummary | undefined>;
}

export type EvalSource = EvalSourceV1;
