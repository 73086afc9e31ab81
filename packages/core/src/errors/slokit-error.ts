const marker = Symbol.for('slokit.error');

/** Exit codes the CLI maps errors to; documented in the README. */
export type ExitCode = 1 | 2 | 3;

/**
 * Base of every error slokit raises on purpose. Each class carries a global-symbol marker of its own, so its
 * `isInstance` works across duplicate installs of @slokit/core, where `instanceof` does not.
 */
export class SlokitError extends Error {
  readonly [marker] = true;
  /** The CLI exit code for this error: 2 for usage, config and input errors, 3 for unreadable sources and state. */
  readonly exitCode: ExitCode;

  constructor(message: string, options: { cause?: unknown; exitCode?: ExitCode } = {}) {
    super(message, { cause: options.cause });
    this.name = 'SlokitError';
    this.exitCode = options.exitCode ?? 2;
  }

  static isInstance(error: unknown): error is SlokitError {
    return hasMarker(error, marker);
  }
}

/** Whether `error` carries a class's marker (`Symbol.for('slokit.error.<Name>')`). */
export function hasMarker(error: unknown, classMarker: symbol): boolean {
  return typeof error === 'object' && error !== null && classMarker in error;
}
