import { describe, expect, it } from 'vitest';
import type { EvalRecord } from './eval-record.js';
import { compileFieldPath } from './field-path.js';

const record: EvalRecord = {
  latency_ms: 120,
  scores: { accuracy: 0.9 },
  metadata: { model: 'gpt-4o', request: { region: 'eu' } },
};

describe('compileFieldPath', () => {
  it('reads record fields, nested paths and metadata by short name', () => {
    expect(compileFieldPath('latency_ms')(record)).toBe(120);
    expect(compileFieldPath('scores.accuracy')(record)).toBe(0.9);
    expect(compileFieldPath('model')(record)).toBe('gpt-4o');
    expect(compileFieldPath('metadata.request.region')(record)).toBe('eu');
    expect(compileFieldPath('request.region.name')(record)).toBeUndefined();
  });

  it.each([
    'metadata.constructor',
    'toString',
    'constructor',
    'scores.hasOwnProperty',
    'metadata.request.__proto__',
    'metadata.constructor.name',
  ])('does not read the inherited %s', (path) => {
    expect(compileFieldPath(path)(record)).toBeUndefined();
  });
});
