import { allOf, field, isFinished, literal, type Operation } from '../client/call-query.js';
import type { TraceServerClient } from '../client/trace-server-client.js';
import { callSchema, type WeaveCall } from '../client/trace-server-types.js';
import { evaluateOp, opNameFilter, predictOps } from '../client/weave-refs.js';
import type { WeaveSettings } from '../settings/weave-source-config.js';

export const evaluationColumns = [
  'id',
  'op_name',
  'display_name',
  'trace_id',
  'parent_id',
  'started_at',
  'ended_at',
  'exception',
  'attributes',
  'inputs',
  'output',
  'summary',
];

/** The `op_names` that find evaluation rows, Python's `predict_and_score` and TypeScript's `predictAndScore`. */
export function predictOpNames(projectId: string): string[] {
  return predictOps.flatMap((op) => opNameFilter(projectId, op));
}

/**
 * The evaluation run `evaluations` points at: the latest finished `Evaluation.evaluate` call (for `latest` and
 * `all`), or the latest of those whose Evaluation object, or display name, is the configured name. Undefined when
 * the project has none.
 */
export async function latestEvaluationRun(
  client: TraceServerClient,
  settings: WeaveSettings,
  signal?: AbortSignal,
): Promise<WeaveCall | undefined> {
  if (settings.target.kind !== 'evaluations') return undefined;
  const conditions: Operation[] = [isFinished()];
  const selector = settings.target.selector;
  if (typeof selector === 'object') {
    conditions.push({
      $or: [
        { $eq: [field('display_name'), literal(selector.name)] },
        { $contains: { input: field('inputs.self'), substr: literal(`/object/${selector.name}:`) } },
      ],
    });
  }
  const query = allOf(conditions);
  const calls = await client.queryCalls(
    {
      project_id: settings.projectId,
      filter: { op_names: opNameFilter(settings.projectId, evaluateOp) },
      ...(query ? { query } : {}),
      sort_by: [{ field: 'started_at', direction: 'desc' }],
      limit: 1,
      columns: evaluationColumns,
    },
    signal,
  );
  if (calls.length === 0) return undefined;
  const parsed = callSchema.safeParse(calls[0]);
  return parsed.success ? parsed.data : undefined;
}

/** How many rows an evaluation run scored: its predict-and-score children. */
export function countEvaluationRows(
  client: TraceServerClient,
  settings: WeaveSettings,
  evaluationCallId: string,
  signal?: AbortSignal,
): Promise<number> {
  return client.queryStats(
    {
      project_id: settings.projectId,
      filter: { parent_ids: [evaluationCallId], op_names: predictOpNames(settings.projectId) },
    },
    signal,
  );
}
