import type { TraceServerClient } from '../client/trace-server-client.js';
import { callRef } from '../client/weave-refs.js';
import type { WeaveSettings } from '../settings/weave-source-config.js';
import { latestEvaluationRun } from '../source/evaluation-runs.js';

/** The evaluation call an evaluations source reads (its latest run), as a call ref to attach feedback to. */
export async function evaluationRunRef(
  client: TraceServerClient,
  settings: WeaveSettings,
  signal?: AbortSignal,
): Promise<{ id: string; ref: string } | undefined> {
  const run = await latestEvaluationRun(client, settings, signal);
  return run ? { id: run.id, ref: callRef(settings.projectId, run.id) } : undefined;
}
