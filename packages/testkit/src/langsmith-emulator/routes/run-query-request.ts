import { EmulatorHttpError } from '../emulator-http-error.js';
import type { EmulatorState, RunQuery } from '../emulator-state.js';
import { parseTimeInput } from '../parse-time-input.js';
import { parseRunFilter, type RunFilter } from '../run-filter.js';
import { stringArray } from './request-fields.js';

const day = 24 * 3_600_000;

/**
 * The runs a `/runs/query` or `/runs/stats` body asks for: at least one of session, id, trace, parent_run or
 * reference_example; without sessions, the sessions of the runs named.
 */
export function legacyRunQuery(state: EmulatorState, request: Record<string, unknown>): RunQuery {
  const sessionIds =
    request.session === null || request.session === undefined ? [] : stringArray(request.session);
  for (const id of sessionIds) state.requireSession(id);
  const ids = request.id === null || request.id === undefined ? undefined : stringArray(request.id);
  const trace = typeof request.trace === 'string' ? request.trace : undefined;
  const parentRun = typeof request.parent_run === 'string' ? request.parent_run : undefined;
  const examples =
    request.reference_example === null || request.reference_example === undefined
      ? undefined
      : stringArray(request.reference_example);
  if (sessionIds.length === 0 && !ids && !trace && !parentRun && !examples) {
    throw new EmulatorHttpError(
      400,
      'at least one of session, id, trace, parent_run or reference_example is required',
    );
  }
  const scope =
    sessionIds.length > 0
      ? sessionIds
      : [
          ...new Set(
            [...(ids ?? []), trace, parentRun]
              .map((id) => (id === undefined ? undefined : state.runs.get(id)?.session_id))
              .filter((id): id is string => id !== undefined),
          ),
        ];
  const start = parseTimeInput(request.start_time);
  return {
    sessionIds: scope.length > 0 ? scope : [...state.sessions.keys()],
    ...(start !== undefined && start !== null ? { minStart: start } : {}),
    ...commonRunFilters(request),
    ...(typeof request.is_root === 'boolean' ? { isRoot: request.is_root } : {}),
    ...(typeof request.run_type === 'string' ? { runType: request.run_type.toLowerCase() } : {}),
    ...(typeof request.error === 'boolean' ? { hasError: request.error } : {}),
    ...(ids ? { ids: new Set(ids) } : {}),
    ...(trace ? { traceId: trace } : {}),
    ...(parentRun ? { parentRun } : {}),
    ...(examples ? { referenceExamples: new Set(examples) } : {}),
  };
}

/** The sessions a `/api/v2/runs/query` body reads: exactly one of project_ids or reference_dataset_id. */
export function v2QuerySessions(
  state: EmulatorState,
  request: Record<string, unknown>,
): { sessionIds: string[]; datasetId: string | undefined } {
  const projectIds = stringArray(request.project_ids);
  const datasetId =
    typeof request.reference_dataset_id === 'string' ? request.reference_dataset_id : undefined;
  if (projectIds.length > 0 === (datasetId !== undefined)) {
    throw new EmulatorHttpError(422, 'set exactly one of project_ids or reference_dataset_id');
  }
  const sessionIds =
    datasetId !== undefined
      ? [...state.sessions.values()]
          .filter((session) => session.reference_dataset_id === datasetId)
          .map((session) => session.id)
      : projectIds;
  for (const id of sessionIds) state.requireSession(id);
  return { sessionIds, datasetId };
}

/**
 * The runs a `/api/v2/runs/query` body asks for, in its sessions: within `min_start_time`..`max_start_time`
 * (default: the last day, or since the dataset's first experiment).
 */
export function v2RunQuery(
  state: EmulatorState,
  request: Record<string, unknown>,
  sessions: { sessionIds: string[]; datasetId: string | undefined },
  now: number,
): RunQuery {
  const { sessionIds, datasetId } = sessions;
  const earliestSession =
    datasetId === undefined
      ? undefined
      : Math.min(...sessionIds.map((id) => state.requireSession(id).start_time));
  return {
    sessionIds,
    minStart: parseTimeInput(request.min_start_time) ?? earliestSession ?? now - day,
    maxStart: parseTimeInput(request.max_start_time) ?? now,
    ...commonRunFilters(request),
    ...(typeof request.run_type === 'string' ? { runType: request.run_type.toLowerCase() } : {}),
    ...(typeof request.has_error === 'boolean' ? { hasError: request.has_error } : {}),
    ...(request.ids !== undefined ? { ids: new Set(stringArray(request.ids)) } : {}),
    ...(typeof request.trace_id === 'string' ? { traceId: request.trace_id } : {}),
    ...(request.reference_examples !== undefined
      ? { referenceExamples: new Set(stringArray(request.reference_examples)) }
      : {}),
  };
}

function commonRunFilters(request: Record<string, unknown>): Partial<RunQuery> {
  const result: { isRoot?: boolean; filter?: RunFilter; traceFilter?: RunFilter; treeFilter?: RunFilter } =
    {};
  if (typeof request.is_root === 'boolean') result.isRoot = request.is_root;
  if (typeof request.filter === 'string' && request.filter.trim() !== '')
    result.filter = parseRunFilter(request.filter);
  if (typeof request.trace_filter === 'string' && request.trace_filter.trim() !== '')
    result.traceFilter = parseRunFilter(request.trace_filter);
  if (typeof request.tree_filter === 'string' && request.tree_filter.trim() !== '')
    result.treeFilter = parseRunFilter(request.tree_filter);
  return result;
}
