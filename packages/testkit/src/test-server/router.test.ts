import { describe, expect, it } from 'vitest';
import { Router } from './router.js';

describe('Router', () => {
  const router = new Router<string>()
    .on('GET', '/items', 'list')
    .on('POST', '/items', 'create')
    .on('GET', '/items/search', 'search')
    .on('GET', '/items/:id', 'read')
    .on('PATCH', '/items/:id([0-9]+)/tags', 'tag')
    .on('GET', '/api/2.0/files/*path', 'file');

  it('finds the handler of a method and path, with decoded parameters', () => {
    expect(router.find('GET', '/items')).toEqual({ kind: 'found', handler: 'list', params: {} });
    expect(router.find('post', '/items')).toEqual({ kind: 'found', handler: 'create', params: {} });
    expect(router.find('GET', '/items/a%20b')).toEqual({
      kind: 'found',
      handler: 'read',
      params: { id: 'a b' },
    });
    expect(router.find('GET', '/api/2.0/files/x/y%2Fz.txt')).toEqual({
      kind: 'found',
      handler: 'file',
      params: { path: 'x/y/z.txt' },
    });
  });

  it('lets the first matching pattern decide, so an earlier literal wins over a parameter', () => {
    expect(router.find('GET', '/items/search')).toMatchObject({ handler: 'search' });
    expect(router.find('POST', '/items/search')).toEqual({ kind: 'method-not-allowed' });
    expect(router.find('DELETE', '/items/7')).toEqual({ kind: 'method-not-allowed' });
  });

  it('matches whole paths only, with literal dots and constrained parameters', () => {
    expect(router.find('GET', '/items/1/2')).toEqual({ kind: 'not-found' });
    expect(router.find('GET', '/api/2x0/files/a')).toEqual({ kind: 'not-found' });
    expect(router.find('PATCH', '/items/12/tags')).toEqual({
      kind: 'found',
      handler: 'tag',
      params: { id: '12' },
    });
    expect(router.find('PATCH', '/items/ab/tags')).toEqual({ kind: 'not-found' });
    expect(router.find('GET', '/api/2.0/files/')).toEqual({ kind: 'not-found' });
  });
});
