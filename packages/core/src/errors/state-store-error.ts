import { hasMarker, SlokitError } from './slokit-error.js';

const marker = Symbol.for('slokit.error.StateStoreError');

/** What keeps the state store from working. */
export type StateStoreProblem =
  /** The database library (`better-sqlite3`, `pg`) is not installed, or does not load. */
  | 'driver-missing'
  /** The database server cannot be reached or refuses the connection. */
  | 'unreachable'
  /** The file cannot be opened or created (a missing or forbidden directory, a directory in its place). */
  | 'cannot-open'
  /** The file is not a database, or is damaged. */
  | 'corrupt'
  /** The file is empty (0 bytes) where a database should be. */
  | 'empty'
  /** The file or its directory cannot be written. */
  | 'read-only'
  /** The file was deleted or replaced, while open or leaving its write-ahead log behind. */
  | 'deleted'
  /** Another process held the database locked for longer than the store waits. */
  | 'locked'
  /** The disk failed or is full. */
  | 'io-error';

/**
 * The state cannot be used: the message names the database and says what to do. Exit code 3, like a source that
 * cannot be read, but never a source's fault: a cycle stops on it instead of blaming the source it was reading.
 */
export class StateStoreError extends SlokitError {
  readonly [marker] = true;
  readonly problem: StateStoreProblem;
  /** The file or the URL (without its password) of the state. */
  readonly location: string;

  constructor(options: { problem: StateStoreProblem; location: string; message: string; cause?: unknown }) {
    super(options.message, { cause: options.cause, exitCode: 3 });
    this.name = 'StateStoreError';
    this.problem = options.problem;
    this.location = options.location;
  }

  static override isInstance(error: unknown): error is StateStoreError {
    return hasMarker(error, marker);
  }
}
