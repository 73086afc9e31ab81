import type { CliIo } from '../cli-io.js';
import { UsageError } from '../usage-error.js';
import { type Tracker, type TrackerChoice, trackers } from './init-source.js';

/** `slokit init`'s flags that choose the tracker; what is missing is asked on a terminal. */
export interface TrackerFlags {
  tracker?: string;
  path?: string;
  project?: string;
  experiment?: string;
  traces?: boolean;
  ops?: string;
}

const trackerNames: Record<Tracker, string> = {
  file: 'a file of records (JSONL, CSV) or of eval results (JSON)',
  langsmith: 'LangSmith',
  mlflow: 'MLflow',
  weave: 'W&B Weave',
};

/**
 * Which tracker the user has, and where in it: from the flags, and on a terminal by asking for what they leave out.
 * Without a terminal, a missing `--tracker` is the file source (as `init` always wrote), and a missing required
 * setting is a usage error naming the flag.
 */
export async function askTrackerChoice(flags: TrackerFlags, io: CliIo): Promise<TrackerChoice> {
  const tracker = flags.tracker === undefined ? await askTracker(io) : parseTracker(flags.tracker);
  const ask = io.ask;
  const answer = async (question: string, fallback?: string): Promise<string | undefined> => {
    if (!ask) return fallback;
    const text = (await ask(`${question}${fallback ? ` [${fallback}]` : ''}: `)).trim();
    return text === '' ? fallback : text;
  };
  switch (tracker) {
    case 'file':
      return {
        tracker,
        path:
          flags.path ?? (await answer('Records (JSONL, CSV) or eval results (JSON)', './data/records.jsonl')),
      };
    case 'langsmith':
      return { tracker, project: flags.project ?? (await answer('LangSmith project', 'default')) };
    case 'mlflow': {
      const experiment = flags.experiment ?? (await answer('MLflow experiment (name or id)'));
      if (!experiment) throw new UsageError('--experiment: the MLflow experiment to read is required');
      const traces =
        flags.traces ??
        (flags.experiment === undefined &&
          (await answer('Read its evaluation runs or its traces', 'runs')) === 'traces');
      return { tracker, experiment, traces };
    }
    case 'weave': {
      const project = flags.project ?? (await answer('W&B Weave project (entity/project)'));
      if (!project?.includes('/'))
        throw new UsageError('--project: the Weave project (entity/project) is required');
      const ops =
        flags.ops ??
        (flags.project === undefined
          ? await answer(
              'Ops whose calls are production traffic, comma-separated (none: read its evaluations)',
            )
          : undefined);
      const list = (ops ?? '')
        .split(',')
        .map((op) => op.trim())
        .filter(Boolean);
      return { tracker, project, ...(list.length > 0 ? { ops: list } : {}) };
    }
  }
}

async function askTracker(io: CliIo): Promise<Tracker> {
  if (!io.ask) return 'file';
  io.stdout(
    `Which tracker holds your LLM app's runs or evals?\n${trackers
      .map((tracker, index) => `  ${index + 1}) ${trackerNames[tracker]}`)
      .join('\n')}\n`,
  );
  for (let attempt = 0; attempt < 3; attempt++) {
    const text = (await io.ask(`Tracker [1-${trackers.length}]: `)).trim().toLowerCase();
    const chosen = trackers[Number(text) - 1] ?? trackers.find((tracker) => tracker === text);
    if (chosen) return chosen;
  }
  throw new UsageError(`--tracker: expected one of ${trackers.join(', ')}`);
}

function parseTracker(value: string): Tracker {
  const tracker = trackers.find((candidate) => candidate === value);
  if (!tracker) throw new UsageError(`--tracker: expected one of ${trackers.join(', ')}, found '${value}'`);
  return tracker;
}
