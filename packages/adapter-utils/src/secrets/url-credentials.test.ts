import { describe, expect, it } from 'vitest';
import { splitUrlCredentials, stripUrlCredentials, urlCredentials } from './url-credentials.js';

describe('stripUrlCredentials', () => {
  it('drops user-info, whatever it holds', () => {
    expect(stripUrlCredentials('https://u:p@host/api?x=1')).toBe('https://host/api?x=1');
    expect(stripUrlCredentials('https://u:p/ss@host')).toBe('https://host');
    expect(stripUrlCredentials('https://u:p@ss@host:8443/x')).toBe('https://host:8443/x');
    expect(stripUrlCredentials('https://token@host')).toBe('https://host');
    expect(stripUrlCredentials(' http://host:5000/mlflow ')).toBe('http://host:5000/mlflow');
    expect(stripUrlCredentials('databricks://profile')).toBe('databricks://profile');
  });
});

describe('urlCredentials', () => {
  it('lists the user-info and its password, as written and decoded', () => {
    expect(urlCredentials('https://u:p%2Fq@host')).toEqual(['u:p%2Fq', 'u:p/q', 'p%2Fq', 'p/q']);
    expect(urlCredentials('https://u:p/ss@host')).toEqual(['u:p/ss', 'p/ss']);
    expect(urlCredentials('https://host/x')).toEqual([]);
  });
});

describe('splitUrlCredentials', () => {
  it('takes decoded user-info off a URL', () => {
    expect(splitUrlCredentials('https://bob:p%2Fw@host:5000/mlflow')).toEqual({
      url: 'https://host:5000/mlflow',
      username: 'bob',
      password: 'p/w',
    });
    expect(splitUrlCredentials('http://host')).toEqual({ url: 'http://host/', username: '', password: '' });
  });

  it('refuses what is not a URL, and user-info a parser would read as a path', () => {
    expect(splitUrlCredentials('smith')).toBeUndefined();
    expect(splitUrlCredentials('https://u:p/ss@host')).toBeUndefined();
    expect(splitUrlCredentials('https://u:1234/ss@host')).toBeUndefined();
  });
});
