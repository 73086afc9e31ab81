import { hasMarker, SlokitError } from './slokit-error.js';

const marker = Symbol.for('slokit.error.ConfigError');

export interface ConfigProblem {
  /** Config path such as `slos[2].objective.warning`; empty for the whole file. */
  path: string;
  message: string;
}

/** The config file is invalid: names the file and every offending config path. Exit code 2. */
export class ConfigError extends SlokitError {
  readonly [marker] = true;
  readonly file: string | undefined;
  readonly problems: ConfigProblem[];

  constructor(file: string | undefined, problems: ConfigProblem[], options: { cause?: unknown } = {}) {
    super(formatProblems(file, problems), { ...options, exitCode: 2 });
    this.name = 'ConfigError';
    this.file = file;
    this.problems = problems;
  }
  static override isInstance(error: unknown): error is ConfigError {
    return hasMarker(error, marker);
  }
}

function formatProblems(file: string | undefined, problems: ConfigProblem[]): string {
  const prefix = file ? `${file}: ` : '';
  return problems
    .map((problem) => `${prefix}${problem.path ? `${problem.path}: ` : ''}${problem.message}`)
    .join('\n');
}
