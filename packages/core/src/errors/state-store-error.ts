import { hasMarker, SlokitError } from './slokit-error.js';

const marker = Symbol.for('slokit.error.StateStoreError');

/**
 * The state store cannot be used: a corrupt, read-only, missing or unreachable database. Exit code 3. Never a
 * source's fault: a cycle stops on it instead of blaming the source it was reading.
 */
export class StateStoreError extends SlokitError {
  readonly [marker] = true;
  /** What the store is (a file path, or a URL without credentials). */
  readonly location: string;

  constructor(location: string, message: string, options: { cause?: unknown } = {}) {
    super(`state store ${location}: ${message}`, { ...options, exitCode: 3 });
    this.name = 'StateStoreError';
    this.location = location;
  }

  static override isInstance(error: unknown): error is StateStoreError {
    return hasMarker(error, marker);
  }
}
