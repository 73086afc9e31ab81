import { timeWindowFilter } from '@slokit/adapter-utils';
import type { ReadRecordsOptions, RecordBatch } from '@slokit/core';
import { overlapMs } from '../settings/mlflow-source-config.js';
import { type MlflowAdapterContext, requireExperiment } from './mlflow-adapter-context.js';
import { readTracePages } from './read-trace-pages.js';
import { decodeCursor, encodeCursor } from './source-cursor.js';
import { mappingContext, tracesToBatch, windowBounds } from './trace-batches.js';

/** A traces source's records: the experiment's finished traces, incrementally by `timestamp_ms`. */
export async function* readTraceRecords(
  adapter: MlflowAdapterContext,
  options: ReadRecordsOptions,
): AsyncGenerator<RecordBatch> {
  const cursor =
    options.cursor === undefined ? undefined : decodeCursor(options.cursor, adapter.name, 'traces');
  const experiment = await requireExperiment(adapter, options.signal);
  const filter = typeof adapter.config.traces === 'object' ? adapter.config.traces.filter : undefined;
  const mapping = mappingContext(adapter);
  const inWindow = timeWindowFilter(options);
  for await (const page of readTracePages({
    client: adapter.client,
    experimentIds: [experiment.experiment_id],
    ...(filter ? { filters: [filter] } : {}),
    ...windowBounds(options),
    ...(cursor?.mode === 'traces' ? { cursor: cursor.traces } : {}),
    pageSize: adapter.config.pageSize ?? 500,
    overlapMs: overlapMs(adapter.config),
    ...(options.signal ? { signal: options.signal } : {}),
  })) {
    const batch = tracesToBatch(page.traces, mapping, inWindow, adapter.name);
    batch.cursor = encodeCursor({ v: 1, mode: 'traces', traces: page.cursor });
    yield batch;
  }
}
