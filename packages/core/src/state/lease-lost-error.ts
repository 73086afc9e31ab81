import { hasMarker, SlokitError } from '../errors/slokit-error.js';

/** A commit found its lease taken by another worker (it expired): nothing was written. */
const marker = Symbol.for('slokit.error.LeaseLostError');

export class LeaseLostError extends SlokitError {
  readonly [marker] = true;
  readonly lease: string;

  constructor(lease: string, owner: string) {
    super(
      `lease '${lease}' is no longer held by ${owner}; another worker took it over, nothing was written`,
      {
        exitCode: 3,
      },
    );
    this.name = 'LeaseLostError';
    this.lease = lease;
  }

  static override isInstance(error: unknown): error is LeaseLostError {
    return hasMarker(error, marker);
  }
}
