import { describe, expect, it } from 'vitest';
import { forbiddenKeys, isForbiddenKey, safeRecordObject, setDottedPath } from './safe-object.js';

describe('setDottedPath', () => {
  it('nests dotted paths into objects', () => {
    const target = safeRecordObject();
    expect(setDottedPath(target, 'scores.accuracy', '0.9')).toBe(true);
    expect(setDottedPath(target, 'scores.helpfulness', '0.7')).toBe(true);
    expect(setDottedPath(target, 'latency_ms', '120')).toBe(true);
    expect(target).toEqual({ scores: { accuracy: '0.9', helpfulness: '0.7' }, latency_ms: '120' });
  });

  it('replaces a value that is not an object on the way', () => {
    const target = safeRecordObject();
    setDottedPath(target, 'model', 'gpt-4o');
    setDottedPath(target, 'model.version', '2024');
    expect(target).toEqual({ model: { version: '2024' } });
  });

  it.each([
    '__proto__.url',
    'constructor.prototype.url',
    'metadata.__proto__.url',
    'metadata.constructor',
    'prototype',
  ])('drops %s and reaches no prototype', (path) => {
    const target = safeRecordObject();
    const plain: Record<string, unknown> = {};
    expect(setDottedPath(target, path, 'https://evil.example')).toBe(false);
    expect(setDottedPath(plain, path, 'https://evil.example')).toBe(false);
    expect(Object.keys(target)).toEqual([]);
    expect(Object.keys(plain)).toEqual([]);
    expect(({} as Record<string, unknown>).url).toBeUndefined();
    expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
  });

  it('follows own properties only', () => {
    const target: Record<string, unknown> = {};
    setDottedPath(target, 'toString.name', 'x');
    expect(Object.hasOwn(target, 'toString')).toBe(true);
    expect(Object.prototype.toString.name).toBe('toString');
  });
});

describe('safeRecordObject', () => {
  it('inherits nothing', () => {
    const object = safeRecordObject();
    expect(Object.getPrototypeOf(object)).toBeNull();
    expect(object.toString).toBeUndefined();
    expect(object.constructor).toBeUndefined();
  });
});

describe('isForbiddenKey', () => {
  it('knows the keys that reach a prototype', () => {
    expect([...forbiddenKeys]).toEqual(['__proto__', 'constructor', 'prototype']);
    expect(isForbiddenKey('__proto__')).toBe(true);
    expect(isForbiddenKey('proto')).toBe(false);
  });
});
