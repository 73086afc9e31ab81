import { describe, expect, it } from 'vitest';
import { isSafeLink } from './runbook-schema.js';

describe('isSafeLink', () => {
  it.each([
    'https://wiki.example.com/runbooks/latency',
    'HTTP://wiki.internal/x',
    'runbooks/latency.md',
    '/runbooks/latency#first-steps',
    '//wiki.example.com/x',
    '#latency',
  ])('accepts %j', (link) => {
    expect(isSafeLink(link)).toBe(true);
  });

  it.each([
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    '\u0001javascript:alert(1)',
    ' javascript:alert(1)',
    'vbscript:msgbox',
    'data:text/html,x',
    'file:///etc/passwd',
    'mailto:ops@example.com',
    'https://',
    '',
  ])('rejects %j', (link) => {
    expect(isSafeLink(link)).toBe(false);
  });
});
