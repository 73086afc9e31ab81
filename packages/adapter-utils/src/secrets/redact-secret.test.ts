import { describe, expect, it } from 'vitest';
import { redactSecret } from './redact-secret.js';

describe('redactSecret', () => {
  it('shows at most the last 4 characters', () => {
    expect(redactSecret('lsv2_pt_0123456789abcdef')).toBe('…cdef');
    expect(redactSecret('short-pass1')).toBe('****');
  });
});
