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
    expect(redactUrl('postgres://slokit:hunter2@[bad/state')).toBe('postgres://[bad/state');
  });

  // Each password holds the marker SECRET; none of it may be printed, whatever surrounds it.
  it.each([
    ['a slash', 'p/SECRET/ss'],
    ['a slash after digits (parses as a port)', '12/SECRET'],
    ['an at sign', 'p@SECRET@ss'],
    ['colons', 'p:SECRET:ss'],
    ['a hash', 'p#SECRET'],
    ['a question mark', 'p?SECRET'],
    ['all of them', 'a/b?c#d@e:SECRET/@?#'],
    ['percent-escapes', 'p%2FSECRET%40%3A'],
    ['a malformed percent-escape', 'p%zzSECRET'],
    ['unicode', 'pässwörd-SECRET-密码-🔑'],
    ['spaces', 'p SECRET s'],
    ['an encoded slash and a literal one', 'p%2F/SECRET'],
  ])('never prints a password with %s', (_, password) => {
    for (const url of [
      `postgres://slokit:${password}@db.internal:5432/state?sslmode=require`,
      `postgresql://slokit:${password}@db.internal/state`,
      `postgres://slokit:${password}@[bad/state`,
    ]) {
      const shown = redactUrl(url);
      expect(shown, url).not.toContain('SECRET');
      expect(shown, url).not.toContain(encodeURIComponent('SECRET'));
      expect(shown, url).toMatch(/^postgres(ql)?:\/\//);
      expect(shown, url).toMatch(/db(\.internal)?(:5432)?\/state|\[bad\/state/);
    }
  });

  it('keeps the user name when the URL is unambiguous, and drops the whole user-info when it is not', () => {
    expect(redactUrl('postgres://slokit:p@ss:w@db/state')).toBe('postgres://slokit@db/state');
    expect(redactUrl('postgres://slokit:p/ss@db:5432/state')).toBe('postgres://db:5432/state');
    expect(redactUrl('postgres://slokit:12/ss@db/state')).toBe('postgres://db/state');
    expect(redactUrl('postgres://slokit:d@e:1234/@db/state')).toBe('postgres://db/state');
  });

  it('errs on the side of hiding: an @ in the path or query hides what precedes it', () => {
    const shown = redactUrl('postgres://slokit:SECRET@db/state?application_name=me@host');
    expect(shown).not.toContain('SECRET');
    expect(shown).toBe('postgres://host');
  });

  it('never prints a password of a URL without //', () => {
    expect(redactUrl('postgres:slokit:SECRET@db/state')).not.toContain('SECRET');
  });
});
