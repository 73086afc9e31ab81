import { SlokitError } from '@slokit/core';
import { describe, expect, it } from 'vitest';
import { StateStoreError } from './state-store-error.js';

describe('StateStoreError', () => {
  const error = new StateStoreError({
    problem: 'corrupt',
    location: '/srv/.slokit/state.db',
    message: 'the state database /srv/.slokit/state.db is damaged',
    cause: new Error('database disk image is malformed'),
  });

  it('is a SlokitError with exit code 3 that keeps its problem, location and cause', () => {
    expect(error).toBeInstanceOf(SlokitError);
    expect(SlokitError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ name: 'StateStoreError', problem: 'corrupt', exitCode: 3 });
    expect(error.location).toBe('/srv/.slokit/state.db');
    expect((error.cause as Error).message).toBe('database disk image is malformed');
  });

  it('is recognized by its global marker, also from another copy of @slokit/core, and nothing else is', () => {
    expect(StateStoreError.isInstance(error)).toBe(true);
    const fromAnotherCopy = { [Symbol.for('slokit.error.StateStoreError')]: true };
    expect(StateStoreError.isInstance(fromAnotherCopy)).toBe(true);
    expect(StateStoreError.isInstance(new SlokitError('other'))).toBe(false);
    expect(StateStoreError.isInstance(new Error('plain'))).toBe(false);
    expect(StateStoreError.isInstance(undefined)).toBe(false);
  });
});
