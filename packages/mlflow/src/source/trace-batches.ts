import type { EvalRecord, ReadRecordsOptions, RecordBatch, RecordIssue } from '@slokit/core';
import type { TraceInfo } from '../client/mlflow-schemas.js';
import { type TraceMappingContext, traceToRecord } from '../mapping/trace-to-record.js';
import type { MlflowAdapterContext } from './mlflow-adapter-context.js';

/** Finished traces in the read's window as a batch; unusable traces and dropped keys as issues. */
export function tracesToBatch(
  traces: TraceInfo[],
  mapping: TraceMappingContext,
  inWindow: (time: number) => boolean,
  source: string,
): RecordBatch {
  const records: EvalRecord[] = [];
  const times: number[] = [];
  const issues: RecordIssue[] = [];
  for (const trace of traces) {
    const mapped = traceToRecord(trace, mapping);
    const location = `MLflow trace ${trace.trace_id}`;
    if (mapped.kind === 'problem') issues.push({ source, location, message: mapped.message });
    if (mapped.kind !== 'record') continue;
    if (mapped.dropped) {
      issues.push({
        source,
        location,
        message: `dropped keys that would reach an object prototype: ${mapped.dropped.join(', ')}`,
      });
    }
    if (!inWindow(mapped.time)) continue;
    records.push(mapped.record);
    times.push(mapped.time);
  }
  return { records, times, issues };
}

export function mappingContext(
  adapter: MlflowAdapterContext,
  extraMetadata?: Record<string, string>,
): TraceMappingContext {
  return {
    source: adapter.name,
    links: adapter.links,
    prices: adapter.prices,
    ...(adapter.config.cost?.modelKey ? { modelKey: adapter.config.cost.modelKey } : {}),
    ...(extraMetadata ? { extraMetadata } : {}),
  };
}

export function windowBounds(options: ReadRecordsOptions): { since?: number; until?: number } {
  return {
    ...(options.since ? { since: options.since.getTime() } : {}),
    ...(options.until ? { until: options.until.getTime() } : {}),
  };
}
