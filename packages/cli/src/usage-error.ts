import { SlokitError } from '@slokit/core';

/** A command-line mistake (unknown option, bad value): exit code 2, no stack trace. */
export class UsageError extends SlokitError {
  constructor(message: string) {
    super(message, { exitCode: 2 });
    this.name = 'UsageError';
  }
}
