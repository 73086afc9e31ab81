import { afterEach, describe, expect, it } from 'vitest';
import {
  type DroppedKeys,
  forbiddenKeys,
  isForbiddenKey,
  safeCopy,
  safeGet,
  safeRecordObject,
  safeSet,
  safeSetPath,
  setDottedPath,
} from './safe-object.js';

/** A naive dotted-key setter, as tracker mappers wrote them: the attack's target. */
function naiveSetDotted(target: Record<string, unknown>, key: string, value: unknown): void {
  let node = target;
  const parts = key.split('.');
  for (const part of parts.slice(0, -1)) {
    node[part] ??= {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]!] = value;
}

const probe = () => ({}) as Record<string, unknown>;

afterEach(() => {
  delete (Object.prototype as Record<string, unknown>).url;
  delete (Object.prototype as Record<string, unknown>).polluted;
});

describe('safe object building', () => {
  it('is needed: a naive dotted setter lets tracker metadata reach Object.prototype', () => {
    naiveSetDotted({}, '__proto__.url', 'https://attacker.example');
    expect(probe().url).toBe('https://attacker.example');
  });

  it('drops and reports paths through __proto__, constructor or prototype', () => {
    const dropped: DroppedKeys = [];
    const metadata: Record<string, unknown> = {};
    for (const key of ['__proto__.url', 'constructor.prototype.url', 'a.prototype', '__proto__']) {
      expect(safeSetPath(metadata, key.split('.'), 'https://attacker.example', dropped)).toBe('dropped');
    }
    expect(safeSetPath(metadata, ['app', 'version'], '1.2', dropped)).toBe('set');
    expect(probe().url).toBeUndefined();
    expect(Object.keys(metadata)).toEqual(['app']);
    expect(metadata).toEqual({ app: { version: '1.2' } });
    expect(dropped).toEqual(['__proto__.url', 'constructor.prototype.url', 'a.prototype', '__proto__']);
  });

  it('never walks into an inherited property', () => {
    const metadata: Record<string, unknown> = {};
    expect(safeSetPath(metadata, ['toString', 'url'], 'x')).toBe('set');
    expect(safeGet(metadata, 'toString')).toEqual({ url: 'x' });
    expect(safeGet({}, 'constructor')).toBeUndefined();
    expect(probe().url).toBeUndefined();
  });

  it('says when a path is occupied by a plain value or an object at its end', () => {
    const metadata: Record<string, unknown> = { app: 'v1', team: { name: 'x' } };
    expect(safeSetPath(metadata, ['app', 'version'], '2')).toBe('occupied');
    expect(safeSetPath(metadata, ['team'], '2')).toBe('occupied');
    expect(metadata).toEqual({ app: 'v1', team: { name: 'x' } });
  });

  it('sets own properties only, dropping prototype keys', () => {
    const dropped: DroppedKeys = [];
    const scores: Record<string, unknown> = {};
    expect(safeSet(scores, '__proto__', { polluted: true }, dropped, 'scores.__proto__')).toBe(false);
    expect(safeSet(scores, 'accuracy', 0.9, dropped)).toBe(true);
    expect(Object.getPrototypeOf(scores)).toBe(Object.prototype);
    expect(probe().polluted).toBeUndefined();
    expect(dropped).toEqual(['scores.__proto__']);
  });

  it('copies hostile JSON without its prototype keys, at any depth', () => {
    const hostile = JSON.parse(
      '{"__proto__": {"url": "x"}, "constructor": {"prototype": {"url": "y"}}, "a": [{"__proto__": {"polluted": 1}, "b": 2}], "c": {"prototype": 1, "d": 3}}',
    );
    const dropped: DroppedKeys = [];
    const copy = safeCopy(hostile, dropped, 'metadata') as Record<string, unknown>;
    expect(copy).toEqual({ a: [{ b: 2 }], c: { d: 3 } });
    expect(dropped).toEqual([
      'metadata.__proto__',
      'metadata.constructor',
      'metadata.a[0].__proto__',
      'metadata.c.prototype',
    ]);
    // Spreading and assigning the copy cannot reach a prototype either.
    Object.assign({}, copy, ...(copy.a as object[]));
    expect(probe().url).toBeUndefined();
    expect(probe().polluted).toBeUndefined();
  });
});

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
