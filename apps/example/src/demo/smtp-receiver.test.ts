import { describe, expect, it } from 'vitest';
import { decodeHeader, headerValue } from './smtp-receiver.js';

describe('reading a received message', () => {
  it('unfolds a header and decodes its RFC 2047 words as a mail client shows them', () => {
    const raw = [
      'From: slokit <slokit@example.com>',
      'Subject: =?UTF-8?Q?[slokit]_SLO_report_=E2=80=94_100=25?=',
      ' =?UTF-8?B?IGNvbXBsaWFuY2U=?=',
      'To: ml-team@example.com',
      '',
      'Subject: not a header',
    ].join('\r\n');
    expect(headerValue(raw, 'subject')).toBe(
      '=?UTF-8?Q?[slokit]_SLO_report_=E2=80=94_100=25?= =?UTF-8?B?IGNvbXBsaWFuY2U=?=',
    );
    expect(decodeHeader(headerValue(raw, 'subject')!)).toBe('[slokit] SLO report — 100% compliance');
    expect(headerValue(raw, 'cc')).toBeUndefined();
    expect(decodeHeader('plain text')).toBe('plain text');
  });
});
