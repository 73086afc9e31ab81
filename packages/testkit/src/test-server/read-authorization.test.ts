import { describe, expect, it } from 'vitest';
import { readAuthorization } from './read-authorization.js';

describe('readAuthorization', () => {
  it('reads Bearer tokens and Basic users, whatever the case of the scheme', () => {
    expect(readAuthorization('Bearer t0k3n')).toEqual({ scheme: 'bearer', token: 't0k3n' });
    expect(readAuthorization('bearer  t0k3n')).toEqual({ scheme: 'bearer', token: 't0k3n' });
    const basic = `Basic ${Buffer.from('api:se:cret').toString('base64')}`;
    expect(readAuthorization(basic)).toEqual({ scheme: 'basic', username: 'api', password: 'se:cret' });
  });

  it('reads nothing from a missing, unknown or malformed header', () => {
    expect(readAuthorization(undefined)).toBeUndefined();
    expect(readAuthorization('Digest x')).toBeUndefined();
    expect(readAuthorization(`Basic ${Buffer.from('no-colon').toString('base64')}`)).toBeUndefined();
  });
});
