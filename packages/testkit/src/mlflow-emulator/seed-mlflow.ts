import type { EvalRecord } from '@slokit/core';
import { generateSupportBotTraffic, type SupportBotTrafficOptions } from '../support-bot-traffic.js';
import { recordToTrace, type TraceSeedOptions } from './records-to-traces.js';
import type { EmulatorStore } from './store/emulator-store.js';

export interface SeedRunOptions {
  experimentId: string;
  name?: string;
  status?: 'RUNNING' | 'SCHEDULED' | 'FINISHED' | 'FAILED' | 'KILLED';
  startTime?: number;
  endTime?: number;
  /** One value, or a history logged at steps 0, 1, ...; `NaN` is logged as MLflow's "NaN". */
  metrics?: Record<string, number | number[]>;
  params?: Record<string, string>;
  tags?: Record<string, string>;
}

/** Creates a run with metrics, params and tags, as a finished `mlflow.genai.evaluate` would leave it. */
export function addSeedRun(store: EmulatorStore, seed: SeedRunOptions, now: () => number): string {
  const run = store.createRun({
    experiment_id: seed.experimentId,
    run_name: seed.name,
    start_time: seed.startTime ?? now(),
    tags: Object.entries(seed.tags ?? {}).map(([key, value]) => ({ key, value })),
  });
  const timestamp = seed.endTime ?? seed.startTime ?? now();
  const metrics = Object.entries(seed.metrics ?? {}).flatMap(([key, value]) =>
    (Array.isArray(value) ? value : [value]).map((point, step) => ({
      key,
      value: Number.isNaN(point) ? 'NaN' : point,
      timestamp,
      step,
    })),
  );
  const params = Object.entries(seed.params ?? {}).map(([key, value]) => ({ key, value }));
  for (let index = 0; index < Math.max(metrics.length, params.length); index += 100) {
    const batch = {
      run_id: run.runId,
      metrics: metrics.slice(index, index + 100),
      params: params.slice(index, index + 100),
    };
    store.logBatch(batch, 0);
  }
  store.updateRun({ run_id: run.runId, status: seed.status ?? 'FINISHED', end_time: seed.endTime });
  return run.runId;
}

/** Stores records as traces (see `recordToTrace`) in an existing experiment; returns their trace ids. */
export function addRecordTraces(
  store: EmulatorStore,
  experimentId: string,
  records: Iterable<EvalRecord>,
  options: TraceSeedOptions = {},
): string[] {
  store.getExperiment(experimentId);
  const ids: string[] = [];
  for (const record of records) {
    const trace = recordToTrace(record, experimentId, store.ids, options);
    store.insertTrace(trace);
    ids.push(trace.traceId);
  }
  return ids;
}

/** Generates support-bot traffic and stores it as traces in a new (or existing) experiment. */
export function seedSupportBotTraces(
  store: EmulatorStore,
  options: SupportBotTrafficOptions & { experiment: string } & TraceSeedOptions,
): { experimentId: string; count: number } {
  const { experiment, costMetadata, previews, traceName, sourceRun, ...traffic } = options;
  const experimentId = findOrCreateExperiment(store, experiment);
  const traceOptions: TraceSeedOptions = {
    ...(costMetadata === undefined ? {} : { costMetadata }),
    ...(previews === undefined ? {} : { previews }),
    ...(traceName === undefined ? {} : { traceName }),
    ...(sourceRun === undefined ? {} : { sourceRun }),
  };
  let count = 0;
  for (const record of generateSupportBotTraffic(traffic)) {
    store.insertTrace(recordToTrace(record, experimentId, store.ids, traceOptions));
    count++;
  }
  return { experimentId, count };
}

function findOrCreateExperiment(store: EmulatorStore, name: string): string {
  for (const experiment of store.experiments.values())
    if (experiment.name === name) return experiment.experimentId;
  return store.createExperiment({ name });
}
