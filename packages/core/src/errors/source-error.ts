import { hasMarker, SlokitError } from './slokit-error.js';

const marker = Symbol.for('slokit.error.SourceError');

/** A source could not be read: unreachable, unauthorized, or a broken response. Exit code 3. */
export class SourceError extends SlokitError {
  readonly [marker] = true;
  readonly source: string;

  constructor(source: string, message: string, options: { cause?: unknown } = {}) {
    super(`source '${source}': ${message}`, { ...options, exitCode: 3 });
    this.name = 'SourceError';
    this.source = source;
  }
  static override isInstance(error: unknown): error is SourceError {
    return hasMarker(error, marker);
  }
}
