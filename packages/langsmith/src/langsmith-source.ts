import {
  type EvalSourceV1,
  type EvalSummary,
  parseSourceConfig,
  type RecordBatch,
  type SourceConfig,
  type SourceContext,
  SourceError,
} from '@slokit/core';
import { LangSmithApi, type LangSmithApiOptions } from './langsmith-api.js';
import { type LangSmithConnection, resolveConnection } from './langsmith-connection.js';
import { type LangSmithSourceConfig, langSmithSourceConfigSchema } from './langsmith-source-config.js';
import { parseCost } from './parse-cost.js';
import { readRuns } from './read-runs.js';
import { type LangSmithTarget, resolveTargets } from './resolve-targets.js';
import { experimentUrl } from './run-url.js';
import { sessionEvalSummary } from './session-eval-summary.js';

/** A LangSmith source: the contract, plus what it reads from. */
export interface LangSmithSource extends EvalSourceV1 {
  readonly type: 'langsmith';
  /** The projects or the experiment this source reads, resolved by name (once per source). */
  targets(options?: { signal?: AbortSignal }): Promise<LangSmithTarget[]>;
  /** `v2` until the server turns out to lack `POST /api/v2/runs/query`, then `v1` (the legacy `POST /runs/query`). */
  readonly queryApi: 'v2' | 'v1';
  /**
   * LangSmith's own aggregate of each target over `(since, until]` (`POST /runs/stats`, one request per target):
   * run counts and feedback keys without paging through the runs.
   */
  stats(options?: { since?: Date; until?: Date; signal?: AbortSignal }): Promise<TargetStats[]>;
}

/** What `POST /runs/stats` says about one project or experiment. */
export interface TargetStats {
  target: string;
  runCount: number | null;
  errorRate: number | null;
  /** Seconds, as LangSmith reports them. */
  latencyP50: number | null;
  latencyP99: number | null;
  totalCost: number | null;
  /** Feedback keys with their number of scores and average. */
  feedback: Record<string, { n: number | null; avg: number | null }>;
}

/** The `@slokit/langsmith` entry point core calls for `type: langsmith` sources. */
export async function createEvalSource(
  name: string,
  config: SourceConfig,
  context: SourceContext,
): Promise<LangSmithSource> {
  const parsed = parseSourceConfig(langSmithSourceConfigSchema, name, config, context);
  return createLangSmithSource(name, parsed, resolveConnection(name, parsed, context));
}

/** Builds the source from a validated config and a resolved connection; `options` inject retries and fetch. */
export async function createLangSmithSource(
  name: string,
  config: LangSmithSourceConfig,
  connection: LangSmithConnection,
  options: LangSmithApiOptions = {},
): Promise<LangSmithSource> {
  const api = await LangSmithApi.create(name, connection, options);
  const apiMode: { current: 'v2' | 'v1' } = { current: 'v2' };
  const offline = config.experiment !== undefined || config.dataset !== undefined;
  let resolving: Promise<LangSmithTarget[]> | undefined;
  const targets = (signal?: AbortSignal) => {
    // Resolved once, with stats for experiments, so records and eval summary describe the same experiment.
    resolving ??= resolveTargets(name, api, config, {
      includeStats: offline,
      workspaceId: connection.workspaceId,
      signal,
    }).catch((error: unknown) => {
      resolving = undefined;
      throw error;
    });
    return resolving;
  };

  const source: LangSmithSource = {
    specificationVersion: 'v1',
    name,
    type: 'langsmith',
    get queryApi() {
      return apiMode.current;
    },
    targets: (targetOptions = {}) => targets(targetOptions.signal),
    async stats(statsOptions = {}) {
      const results: TargetStats[] = [];
      for (const target of await targets(statsOptions.signal)) {
        const stats = await api.runStats(
          {
            session: [target.id],
            ...(config.rootOnly ? { is_root: true } : {}),
            ...(config.filter ? { filter: config.filter } : {}),
            ...(statsOptions.since ? { start_time: statsOptions.since.toISOString() } : {}),
            ...(statsOptions.until ? { end_time: statsOptions.until.toISOString() } : {}),
          },
          statsOptions.signal,
        );
        results.push(targetStats(target.name, stats));
      }
      return results;
    },
    async *readRecords(readOptions = {}): AsyncGenerator<RecordBatch> {
      yield* readRuns({
        source: name,
        api,
        targets: await targets(readOptions.signal),
        webUrl: connection.webUrl,
        filter: config.filter,
        rootOnly: config.rootOnly,
        pageSize: config.pageSize,
        apiMode,
        since: readOptions.since,
        until: readOptions.until,
        cursor: readOptions.cursor,
        signal: readOptions.signal,
      });
    },
  };
  if (offline) {
    source.readEvalSummary = async (summaryOptions = {}): Promise<EvalSummary> => {
      const [experiment] = await targets(summaryOptions.signal);
      if (!experiment) throw new SourceError(name, 'no experiment to summarize');
      const url =
        experiment.datasetId === null
          ? undefined
          : experimentUrl({
              webUrl: connection.webUrl,
              tenantId: experiment.tenantId,
              datasetId: experiment.datasetId,
              experimentId: experiment.id,
            });
      return sessionEvalSummary(experiment.session, url);
    };
  }
  return source;
}

/** The fields of a `/runs/stats` answer slokit shows; the API types the whole object loosely. */
export function targetStats(target: string, stats: Record<string, unknown>): TargetStats {
  const number = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);
  const feedback: TargetStats['feedback'] = {};
  const byKey = stats.feedback_stats;
  if (byKey !== null && typeof byKey === 'object') {
    for (const [key, stat] of Object.entries(byKey)) {
      const entry = (stat ?? {}) as { n?: unknown; avg?: unknown };
      feedback[key] = { n: number(entry.n), avg: number(entry.avg) };
    }
  }
  return {
    target,
    runCount: number(stats.run_count),
    errorRate: number(stats.error_rate),
    latencyP50: number(stats.latency_p50),
    latencyP99: number(stats.latency_p99),
    totalCost: parseCost(stats.total_cost) ?? null,
    feedback,
  };
}
