import { hasMarker, SlokitError } from './slokit-error.js';

const marker = Symbol.for('slokit.error.InputError');

/** A data file holds a record slokit cannot use (with --strict) or cannot be parsed at all. Exit code 2. */
export class InputError extends SlokitError {
  readonly [marker] = true;
  readonly file: string;
  readonly line: number | undefined;

  constructor(file: string, line: number | undefined, message: string, options: { cause?: unknown } = {}) {
    super(`${file}${line === undefined ? '' : `:${line}`}: ${message}`, { ...options, exitCode: 2 });
    this.name = 'InputError';
    this.file = file;
    this.line = line;
  }
  static override isInstance(error: unknown): error is InputError {
    return hasMarker(error, marker);
  }
}
