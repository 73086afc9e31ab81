import { SourceError } from '@slokit/core';
import type { LangSmithApi } from '../client/langsmith-api.js';
import { sessionSchema } from '../client/langsmith-schemas.js';
import { parseLangSmithTime } from '../mapping/parse-langsmith-time.js';
import type { LangSmithSourceConfig } from '../settings/langsmith-source-config.js';

/** A project or experiment (a LangSmith "session") a source reads and publishes to. */
export interface LangSmithTarget {
  kind: 'project' | 'experiment';
  id: string;
  name: string;
  tenantId: string;
  /** The dataset an experiment ran on. */
  datasetId: string | null;
  /** The session as the API returned it, with its stats when they were asked for. */
  session: Record<string, unknown>;
}

/**
 * Resolves what a source config names: each project by name, the experiment by name, or the latest experiment on
 * the dataset. Names are looked up with the legacy `GET /sessions` and `GET /datasets`, which every LangSmith
 * version has. A name that does not exist is a SourceError naming it.
 */
export async function resolveTargets(
  source: string,
  api: LangSmithApi,
  config: LangSmithSourceConfig,
  options: { includeStats: boolean; workspaceId: string | undefined; signal?: AbortSignal | undefined },
): Promise<LangSmithTarget[]> {
  const stats = options.includeStats ? { include_stats: true } : {};
  const workspace = options.workspaceId ? ` in workspace ${options.workspaceId}` : '';
  if (config.dataset !== undefined) {
    const datasets = (await api.listDatasets({ name: config.dataset }, options.signal)).filter(
      (dataset) => field(dataset, 'name') === config.dataset,
    );
    const datasetId = field(datasets[0], 'id');
    if (datasetId === undefined) {
      throw new SourceError(source, `LangSmith has no dataset named '${config.dataset}'${workspace}`);
    }
    const experiments = (await api.listSessions({ reference_dataset: datasetId, ...stats }, options.signal))
      .map((session) => toTarget(session, 'experiment', options.workspaceId))
      .filter((target): target is LangSmithTarget => target !== undefined);
    const latest = experiments.sort((a, b) => startOf(b) - startOf(a))[0];
    if (!latest) {
      throw new SourceError(source, `the LangSmith dataset '${config.dataset}' has no experiments yet`);
    }
    return [latest];
  }
  const names = config.projects ?? [config.project ?? config.experiment!];
  const kind = config.experiment !== undefined ? 'experiment' : 'project';
  const targets: LangSmithTarget[] = [];
  for (const name of names) {
    const found = (await api.listSessions({ name, ...stats }, options.signal))
      .filter((session) => field(session, 'name') === name)
      .map((session) => toTarget(session, kind, options.workspaceId))[0];
    if (!found) {
      throw new SourceError(
        source,
        `LangSmith has no ${kind === 'experiment' ? 'experiment' : 'tracing project'} named '${name}'${workspace}`,
      );
    }
    targets.push(found);
  }
  return targets;
}

function toTarget(
  listed: unknown,
  kind: LangSmithTarget['kind'],
  workspaceId: string | undefined,
): LangSmithTarget | undefined {
  const parsed = sessionSchema.safeParse(listed);
  if (!parsed.success) return undefined;
  const session = parsed.data;
  return {
    kind,
    id: session.id,
    name: session.name,
    tenantId: session.tenant_id || workspaceId || 'default',
    datasetId: session.reference_dataset_id || null,
    session,
  };
}

function startOf(target: LangSmithTarget): number {
  return parseLangSmithTime(target.session.start_time) ?? Number.NEGATIVE_INFINITY;
}

function field(value: unknown, key: string): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const found = (value as Record<string, unknown>)[key];
  return typeof found === 'string' && found !== '' ? found : undefined;
}
