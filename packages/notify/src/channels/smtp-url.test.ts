import { describe, expect, it } from 'vitest';
import { parseSmtpUrl, smtpServerName } from './smtp-url.js';

describe('parseSmtpUrl', () => {
  it('reads host, port, TLS mode and the URL-encoded credentials', () => {
    expect(parseSmtpUrl('smtp://alerts%40example.com:p%40ss%2Fw0rd@mail.example.com:2525')).toEqual({
      host: 'mail.example.com',
      port: 2525,
      secure: false,
      auth: { user: 'alerts@example.com', pass: 'p@ss/w0rd' },
    });
    expect(parseSmtpUrl('smtps://mail.example.com')).toEqual({
      host: 'mail.example.com',
      port: 465,
      secure: true,
    });
    expect(parseSmtpUrl('smtp://mail.example.com/')).toEqual({
      host: 'mail.example.com',
      port: 587,
      secure: false,
    });
    expect(parseSmtpUrl('smtp://[::1]:25')).toMatchObject({ host: '::1', port: 25 });
  });

  it('takes the documented connection parameters', () => {
    expect(
      parseSmtpUrl(
        'smtp://relay.internal:25?requireTLS=true&tls.rejectUnauthorized=false&tls.servername=relay&name=slokit-host&authMethod=LOGIN',
      ),
    ).toEqual({
      host: 'relay.internal',
      port: 25,
      secure: false,
      requireTLS: true,
      tls: { rejectUnauthorized: false, servername: 'relay' },
      name: 'slokit-host',
      authMethod: 'LOGIN',
    });
  });

  it('says what is wrong without quoting the URL', () => {
    const problems = [
      parseSmtpUrl('mail.example.com'),
      parseSmtpUrl('http://u:hunter22@mail.example.com'),
      parseSmtpUrl('smtp://u:hunter22@mail.example.com/inbox'),
      parseSmtpUrl('smtp://u:hunter22@mail.example.com?logger=true'),
      parseSmtpUrl('smtp://u:hunter22@mail.example.com?requireTLS=yes'),
      parseSmtpUrl('smtp://u:%E0%A4%A@mail.example.com'),
    ];
    expect(problems).toEqual([
      'expected an SMTP URL such as smtp://user:password@mail.example.com:587',
      'expected an smtp:// or smtps:// URL, not http://',
      'the SMTP URL must not have a path',
      "unknown SMTP URL parameter 'logger' (known: requireTLS, ignoreTLS, tls.rejectUnauthorized, name, authMethod, tls.servername)",
      "the SMTP URL parameter 'requireTLS' must be true or false",
      'the user or password in the SMTP URL is not correctly URL-encoded',
    ]);
  });

  it('names the server by host and port only', () => {
    expect(smtpServerName({ host: 'mail.example.com', port: 587, secure: false })).toBe(
      'mail.example.com:587',
    );
    expect(smtpServerName({ host: '::1', port: 25, secure: false })).toBe('[::1]:25');
  });
});
