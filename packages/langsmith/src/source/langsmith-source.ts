import { parseSourceConfig } from '@slokit/adapter-utils';
import {
  type EvalSourceV1,
  type EvalSummary,
  type RecordBatch,
  type SourceConfig,
  type SourceContext,
  SourceError,
} from '@slokit/core';
import { LangSmithApi, type LangSmithApiOptions } from '../client/langsmith-api.js';
import { experimentUrl } from '../mapping/run-url.js';
import { sessionEvalSummary } from '../mapping/session-eval-summary.js';
import { type LangSmithConnection, resolveConnection } from '../settings/langsmith-connection.js';
import {
  type LangSmithSourceConfig,
  langSmithSourceConfigSchema,
} from '../settings/langsmith-source-config.js';
import { readRuns } from './read-runs.js';
import { type LangSmithTarget, resolveTargets } from './resolve-targets.js';
import { type TargetStats, targetStats } from './target-stats.js';

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
