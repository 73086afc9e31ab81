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
