import { latestEvaluationRun } from '../source/evaluation-runs.js';
import type { TraceServerClient } from '../trace-server/trace-server-client.js';
import { callRef } from '../trace-server/weave-refs.js';
import type { WeaveSettings } from '../weave-source-config.js';

/** The evaluation call an evaluations source reads (its latest run), as a call ref to attach feedback to. */
export async function evaluationRunRef(
  client: TraceServerClient,
  settings: WeaveSettings,
  signal?: AbortSignal,
): Promise<{ id: string; ref: string } | undefined> {
  const run = await latestEvaluationRun(client, settings, signal);
  return run ? { id: run.id, ref: callRef(settings.projectId, run.id) } : undefined;
}
