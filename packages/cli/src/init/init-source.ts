import { yamlScalar } from '../discovery/format-suggested-slo.js';

export const trackers = ['file', 'langsmith', 'mlflow', 'weave'] as const;
export type Tracker = (typeof trackers)[number];

/** Which tracker a user has and where in it their app's runs or evals are. */
export interface TrackerChoice {
  tracker: Tracker;
  /** file: the records (JSONL, CSV) or an eval run's results (JSON). */
  path?: string;
  /** langsmith: the tracing project; weave: entity/project. */
  project?: string;
  /** mlflow: the experiment, by name or id. */
  experiment?: string;
  /** mlflow: read GenAI traces rather than evaluation runs. */
  traces?: boolean;
  /** weave: ops whose calls are production traffic; without them, the evaluations. */
  ops?: string[];
}

/** The source `init` writes: its name, its config, and words for it. */
export interface InitSource {
  name: string;
  config: Record<string, string | boolean | string[]>;
  described: string;
  /** Where its credentials come from, for a comment beside it. */
  credentials: string | undefined;
}

export function initSource(choice: TrackerChoice): InitSource {
  switch (choice.tracker) {
    case 'file':
      return {
        name: 'prod',
        config: { type: 'file', path: choice.path ?? './data/records.jsonl' },
        described: `file ${choice.path ?? './data/records.jsonl'}`,
        credentials: undefined,
      };
    case 'langsmith':
      return {
        name: 'prod',
        config: { type: 'langsmith', project: choice.project ?? 'default' },
        described: `LangSmith project ${choice.project ?? 'default'}`,
        credentials: 'LANGSMITH_API_KEY (and LANGSMITH_ENDPOINT) from the environment',
      };
    case 'mlflow':
      return {
        name: choice.traces ? 'prod' : 'evals',
        config: {
          type: 'mlflow',
          experiment: choice.experiment!,
          ...(choice.traces ? { traces: true } : { runs: 'latest' }),
        },
        described: `MLflow experiment ${choice.experiment}${choice.traces ? ' (traces)' : ' (evaluation runs)'}`,
        credentials: 'MLFLOW_TRACKING_URI (and a token or user) from the environment',
      };
    case 'weave':
      return {
        name: choice.ops?.length ? 'prod' : 'evals',
        config: {
          type: 'weave',
          project: choice.project!,
          ...(choice.ops?.length ? { ops: choice.ops } : { evaluations: 'latest' }),
        },
        described: `W&B Weave project ${choice.project}${choice.ops?.length ? ` (ops ${choice.ops.join(', ')})` : ' (evaluations)'}`,
        credentials: 'WANDB_API_KEY from the environment',
      };
  }
}

/** The source as YAML lines under `sources:`. */
export function sourceYaml(source: InitSource): string[] {
  const lines = [`  ${yamlScalar(source.name)}:`];
  for (const [key, value] of Object.entries(source.config)) {
    const text = Array.isArray(value)
      ? `[${value.map(yamlScalar).join(', ')}]`
      : typeof value === 'boolean'
        ? String(value)
        : yamlScalar(value);
    lines.push(`    ${key}: ${text}`);
  }
  if (source.credentials) lines[1] += `  # ${source.credentials}`;
  return lines;
}
