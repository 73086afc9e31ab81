import { describe, expect, it } from 'vitest';
import { createSecretRedactor } from './secret-redactor.js';

describe('createSecretRedactor', () => {
  const key = 'lsv2_pt_0123456789abcdef0123';
  const basic = `Basic ${Buffer.from('admin:pa"ss/word-99').toString('base64')}`;
  const redactor = createSecretRedactor({
    secrets: [key, 'pa"ss/word-99', undefined],
    authorization: [basic, 'Bearer tok-abcdef-123456'],
    urls: ['https://svc:url-secret-77@mlflow.example.com'],
  });

  it('cuts a known secret out however it was echoed', () => {
    const echoed = [
      `x-api-key: ${key}`,
      JSON.stringify({ password: 'pa"ss/word-99' }),
      encodeURIComponent(key),
      Buffer.from(key).toString('base64'),
      `authorization: ${basic}`,
      Buffer.from('admin:pa"ss/word-99').toString('base64'),
      'token tok-abcdef-123456',
      'url-secret-77',
    ].join('\n');
    const redacted = redactor.redact(echoed);
    for (const secret of [key, 'pa"ss/word-99', 'pa\\"ss/word-99', 'tok-abcdef-123456', 'url-secret-77']) {
      expect(redacted).not.toContain(secret);
    }
    expect(redacted).not.toContain(basic.slice('Basic '.length));
    expect(redacted).toContain('x-api-key: ***');
  });

  it('cuts credentials after Basic or Bearer and user-info from any URL, known or not', () => {
    const other = createSecretRedactor();
    expect(other.redact('authorization: Bearer someone-elses-token-1')).toBe('authorization: Bearer ***');
    expect(other.redact('see https://bob:hunter2@example.com/x and http://h/y')).toBe(
      'see https://example.com/x and http://h/y',
    );
    expect(other.redact('Basic auth needs both variables')).toBe('Basic auth needs both variables');
  });

  it('leaves text without secrets as it is', () => {
    expect(redactor.redact('GET https://mlflow.example.com/api failed: 503')).toBe(
      'GET https://mlflow.example.com/api failed: 503',
    );
  });
});
