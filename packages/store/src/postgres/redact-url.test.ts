import { describe, expect, it } from 'vitest';
import { redactUrl } from './redact-url.js';

describe('redactUrl', () => {
  it('drops the password and keeps everything else', () => {
    expect(redactUrl('postgres://slokit:p%40ss@db.internal:5432/state?sslmode=require')).toBe(
      'postgres://slokit@db.internal:5432/state?sslmode=require',
    );
    expect(redactUrl('postgres://db/state')).toBe('postgres://db/state');
    expect(redactUrl('postgres://slokit@db/state')).toBe('postgres://slokit@db/state');
  });

  it('drops a password given as a query parameter', () => {
    expect(redactUrl('postgres://db/state?user=slokit&password=hunter2&sslmode=require')).toBe(
      'postgres://db/state?user=slokit&sslmode=require',
    );
  });

  it('redacts URLs the WHATWG parser rejects', () => {
    expect(redactUrl('postgres://slokit:hunter2@[bad/state')).not.toContain('hunter2');
  });
});
