import { describe, expect, it } from 'vitest';
import { nestDottedKeys } from './nest-dotted-keys.js';

describe('nestDottedKeys', () => {
  it('nests dotted headers and leaves out empty cells', () => {
    const { value, forbidden } = nestDottedKeys(
      ['id', 'scores.accuracy', 'scores.helpfulness', 'metadata.model'],
      ['r1', 'true', '', 'gpt-4o'],
    );
    expect(value).toEqual({ id: 'r1', scores: { accuracy: 'true' }, metadata: { model: 'gpt-4o' } });
    expect(forbidden).toBeUndefined();
  });

  it('names the first header that would reach a prototype and sets none', () => {
    const { value, forbidden } = nestDottedKeys(
      ['id', '__proto__.url', 'constructor.prototype.url', 'prototype'],
      ['r1', '', 'https://evil.example', 'x'],
    );
    expect(forbidden).toBe('constructor.prototype.url');
    expect(value).toEqual({ id: 'r1' });
    expect(({} as Record<string, unknown>).url).toBeUndefined();
  });
});
