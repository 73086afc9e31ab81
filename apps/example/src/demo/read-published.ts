import { createMlflowClientFromEnv, defaultPublishExperiment, type Run } from '@slokit/mlflow';
import { checkOpName, sloFeedbackType, TraceServerClient } from '@slokit/weave';
import type { DemoServices } from './start-demo-services.js';

/** One SLO as the last published result shows it, and how many published results had each status. */
export interface PublishedSlo {
  name: string;
  status: string;
  value: number | null;
  /** Published results by status: `{ ok: 160, warning: 2, critical: 3, insufficient_data: 3 }`. */
  statuses: Record<string, number>;
}

/** What slokit wrote back to each tracker during the demo, as each tracker's API returns it. */
export interface PublishedBack {
  langsmith: { project: string; feedback: number; slos: PublishedSlo[]; lastComment: string | null };
  mlflow: {
    experiment: string;
    runs: number;
    latestRun: string | null;
    latestStatus: string | null;
    slos: PublishedSlo[];
  };
  weave: {
    project: string;
    checkCalls: number;
    evaluationFeedback: number;
    lastVerdict: { passed: boolean; slos: Array<{ name: string; status: string }> } | null;
  };
  /** The same, in words, for the demo's output. */
  lines: string[];
}

interface LangSmithFeedback {
  key: string;
  score: number | null;
  value: string | null;
  comment: string | null;
  feedback_source?: { metadata?: { at?: string } };
}

/** Reads back what the publishers wrote, through the trackers' own APIs (as a user's script or the UI would). */
export async function readPublished(
  services: DemoServices,
  week: { langsmithProject: string; weaveProject: string },
): Promise<PublishedBack> {
  const langsmith = await readLangSmith(services.env, week.langsmithProject);
  const mlflow = await readMlflow(services.env);
  const weave = await readWeave(services.env, week.weaveProject);
  const sloLine = (slo: PublishedSlo) => {
    const breaches = ['critical', 'warning', 'at_risk']
      .filter((status) => (slo.statuses[status] ?? 0) > 0)
      .map((status) => `${status.replace('_', ' ')} ${slo.statuses[status]}x`);
    return `${slo.name} ${slo.status.replace('_', ' ')}${breaches.length > 0 ? ` (earlier: ${breaches.join(', ')})` : ''}`;
  };
  const lines = [
    `LangSmith  project ${langsmith.project}: ${langsmith.feedback.toLocaleString('en-US')} project feedback items (slo.<name>, one per SLO and check)`,
    `           latest: ${langsmith.slos.map(sloLine).join(', ')}`,
    ...(langsmith.lastComment ? [`           e.g. "${langsmith.lastComment}"`] : []),
    `MLflow     experiment ${mlflow.experiment}: ${mlflow.runs.toLocaleString('en-US')} runs, one per check; the latest, "${mlflow.latestRun}": slo.status=${mlflow.latestStatus}`,
    `           ${mlflow.slos.map(sloLine).join(', ')}`,
    `W&B Weave  project ${weave.project}: ${weave.checkCalls.toLocaleString('en-US')} ${checkOpName} calls, one per check, and ${weave.evaluationFeedback.toLocaleString('en-US')} ${sloFeedbackType} feedback items on the evaluations`,
    ...(weave.lastVerdict
      ? [
          `           latest verdict on the golden-set evaluation: ${weave.lastVerdict.passed ? 'passed' : 'failed'} (${weave.lastVerdict.slos.map((slo) => `${slo.name} ${slo.status.replace('_', ' ')}`).join(', ')})`,
        ]
      : []),
  ];
  return { langsmith, mlflow, weave, lines };
}

async function readLangSmith(
  env: Record<string, string>,
  project: string,
): Promise<PublishedBack['langsmith']> {
  const get = async (path: string): Promise<unknown> => {
    const response = await fetch(`${env.LANGSMITH_ENDPOINT}${path}`, {
      headers: { 'x-api-key': env.LANGSMITH_API_KEY! },
    });
    if (!response.ok) throw new Error(`LangSmith GET ${path}: ${response.status}`);
    return response.json();
  };
  const sessions = (await get(`/sessions?name=${encodeURIComponent(project)}`)) as Array<{ id: string }>;
  const sessionId = sessions[0]?.id;
  const feedback: LangSmithFeedback[] = [];
  if (sessionId !== undefined) {
    for (let offset = 0; ; offset += 100) {
      const page = (await get(
        `/feedback?session=${sessionId}&source=api&limit=100&offset=${offset}`,
      )) as LangSmithFeedback[];
      feedback.push(...page.filter((entry) => entry.key.startsWith('slo.')));
      if (page.length < 100) break;
    }
  }
  const byKey = new Map<string, LangSmithFeedback[]>();
  for (const entry of feedback) byKey.set(entry.key, [...(byKey.get(entry.key) ?? []), entry]);
  const at = (entry: LangSmithFeedback) => entry.feedback_source?.metadata?.at ?? '';
  const slos = [...byKey].map(([key, entries]) => {
    const latest = entries.reduce((last, entry) => (at(entry) > at(last) ? entry : last));
    return {
      name: key.slice('slo.'.length),
      status: latest.value ?? 'unknown',
      value: latest.score,
      statuses: countBy(entries.map((entry) => entry.value ?? 'unknown')),
    };
  });
  const helpfulness = byKey.get('slo.helpfulness') ?? [];
  const worst = helpfulness.find((entry) => entry.value === 'critical') ?? helpfulness.at(-1);
  return { project, feedback: feedback.length, slos, lastComment: worst?.comment ?? null };
}

async function readMlflow(env: Record<string, string>): Promise<PublishedBack['mlflow']> {
  const client = createMlflowClientFromEnv(env);
  const experiment = await client.getExperimentByName(defaultPublishExperiment);
  const empty = {
    experiment: defaultPublishExperiment,
    runs: 0,
    latestRun: null,
    latestStatus: null,
    slos: [],
  };
  if (!experiment) return empty;
  const runs: Run[] = [];
  for await (const page of client.searchAllRuns({
    experimentIds: [experiment.experiment_id],
    orderBy: ['attributes.start_time DESC'],
    maxResults: 1000,
  })) {
    runs.push(...page);
  }
  const latest = runs[0];
  if (!latest) return empty;
  const tag = (run: Run, key: string) => run.data?.tags?.find((candidate) => candidate.key === key)?.value;
  const names = (latest.data?.tags ?? [])
    .map((entry) => /^slo\.(.+)\.status$/.exec(entry.key)?.[1])
    .filter((name): name is string => name !== undefined)
    .sort();
  const slos = names.map((name) => {
    const metric = latest.data?.metrics?.find((entry) => entry.key === `slo.${name}.value`);
    return {
      name,
      status: tag(latest, `slo.${name}.status`) ?? 'unknown',
      value: metric?.value === undefined ? null : Number(metric.value),
      statuses: countBy(runs.map((run) => tag(run, `slo.${name}.status`) ?? 'unknown')),
    };
  });
  return {
    experiment: experiment.name ?? defaultPublishExperiment,
    runs: runs.length,
    latestRun: latest.info.run_name ?? null,
    latestStatus: tag(latest, 'slo.status') ?? null,
    slos,
  };
}

async function readWeave(env: Record<string, string>, project: string): Promise<PublishedBack['weave']> {
  const client = new TraceServerClient({
    baseUrl: env.WF_TRACE_SERVER_URL!,
    apiKey: env.WANDB_API_KEY!,
    apiKeyVariable: 'WANDB_API_KEY',
    source: 'demo',
  });
  const checkCalls = await client.queryStats({ project_id: project, filter: { op_names: [checkOpName] } });
  const feedback = await client.queryFeedback({
    project_id: project,
    query: { $expr: { $eq: [{ $getField: 'feedback_type' }, { $literal: sloFeedbackType }] } },
  });
  const last = feedback
    .map(
      (entry) =>
        entry.payload as {
          checked_at: string;
          passed: boolean;
          slos: Array<{ name: string; status: string }>;
        },
    )
    .sort((a, b) => a.checked_at.localeCompare(b.checked_at))
    .at(-1);
  return {
    project,
    checkCalls,
    evaluationFeedback: feedback.length,
    lastVerdict: last
      ? { passed: last.passed, slos: last.slos.map(({ name, status }) => ({ name, status })) }
      : null,
  };
}

function countBy(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
