import { SlokitError } from '@slokit/core';

/** The state was migrated by a newer @slokit/store than the one running: refuse rather than misread it. */
export class NewerSchemaError extends SlokitError {
  readonly schemaVersion: number;
  readonly knownVersion: number;

  constructor(location: string, schemaVersion: number, knownVersion: number) {
    super(
      `the state at ${location} has schema version ${schemaVersion}, but this @slokit/store knows versions up to ` +
        `${knownVersion}: upgrade slokit (and @slokit/store) on this machine to the version the other workers run`,
      { exitCode: 2 },
    );
    this.name = 'NewerSchemaError';
    this.schemaVersion = schemaVersion;
    this.knownVersion = knownVersion;
  }
}
