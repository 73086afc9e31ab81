/**
 * Building records from tracker data without letting that data reach an object prototype. A key such as
 * `__proto__` written with `target[key] = value`, or a dotted path walked through `node[part]`, would otherwise set
 * or extend `Object.prototype` (prototype pollution): `{"__proto__.url": "x"}` in trace metadata would give every
 * object in the process a `url`. These helpers read and write own properties only, and drop (and report) the keys
 * that reach a prototype: `__proto__`, `constructor` and `prototype`.
 */

/** Keys that reach an object's prototype as a property name or a path segment. */
export const prototypeKeys: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Where dropped keys are reported, as paths (`metadata.__proto__.url`). */
export type DroppedKeys = string[];

const maxDepth = 64;

export function isPrototypeKey(key: string): boolean {
  return prototypeKeys.has(key);
}

/** An own property of `target`, never one it inherits (`constructor`, `toString`). */
export function safeGet(target: object, key: string): unknown {
  return Object.hasOwn(target, key) ? (target as Record<string, unknown>)[key] : undefined;
}

/**
 * Sets `target[key]` as an own data property. A prototype key is dropped and reported in `dropped` (at `path`, the
 * key's place in the record); returns whether the value was set.
 */
export function safeSet(
  target: Record<string, unknown>,
  key: string,
  value: unknown,
  dropped?: DroppedKeys,
  path: string = key,
): boolean {
  if (isPrototypeKey(key)) {
    dropped?.push(path);
    return false;
  }
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  return true;
}

/**
 * Sets `segments` (`['app', 'version']`) in nested plain objects, creating them as needed. `dropped` when a segment
 * is a prototype key (reported, nothing set); `occupied` when a prefix, or the last segment, already holds something
 * that is not where the value can go (a plain value on the way, an object at the end): the caller decides.
 */
export function safeSetPath(
  target: Record<string, unknown>,
  segments: readonly string[],
  value: unknown,
  dropped?: DroppedKeys,
): 'set' | 'dropped' | 'occupied' {
  if (segments.some(isPrototypeKey)) {
    dropped?.push(segments.join('.'));
    return 'dropped';
  }
  let node = target;
  for (const segment of segments.slice(0, -1)) {
    const next = safeGet(node, segment);
    if (next === undefined) {
      const child: Record<string, unknown> = {};
      safeSet(node, segment, child);
      node = child;
    } else if (isPlainRecord(next)) {
      node = next;
    } else {
      return 'occupied';
    }
  }
  const last = segments[segments.length - 1]!;
  const existing = safeGet(node, last);
  if (existing !== null && typeof existing === 'object') return 'occupied';
  safeSet(node, last, value);
  return 'set';
}

/**
 * A deep copy of JSON-like data (plain objects, arrays, primitives) without prototype keys at any depth; each
 * dropped key is reported at its path under `path`. Nesting deeper than 64 levels is dropped and reported too.
 */
export function safeCopy(value: unknown, dropped?: DroppedKeys, path = '', depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth >= maxDepth) {
    dropped?.push(path);
    return undefined;
  }
  if (Array.isArray(value)) {
    return value.map((item, index) => safeCopy(item, dropped, `${path}[${index}]`, depth + 1));
  }
  if (!isPlainRecord(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const at = path === '' ? key : `${path}.${key}`;
    if (isPrototypeKey(key)) dropped?.push(at);
    else safeSet(copy, key, safeCopy((value as Record<string, unknown>)[key], dropped, at, depth + 1));
  }
  return copy;
}

/** A plain object (or one without a prototype), as JSON gives: not an array, a date or a class instance. */
export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** The keys data never sets (the same as `prototypeKeys`; the name the file source and config checks use). */
export const forbiddenKeys = prototypeKeys;
export const isForbiddenKey = isPrototypeKey;

/** An object without a prototype: keys from data stay its own properties, and it inherits nothing to be read. */
export function safeRecordObject(): Record<string, unknown> {
  return Object.create(null) as Record<string, unknown>;
}

/**
 * Sets `value` at a dotted path (`scores.accuracy`) inside `target`, creating objects along the way; a value on the
 * way that is not an object is replaced. Returns false and sets nothing when a segment is a prototype key.
 */
export function setDottedPath(target: Record<string, unknown>, path: string, value: unknown): boolean {
  const segments = path.split('.');
  if (segments.some(isPrototypeKey)) return false;
  let parent = target;
  for (const segment of segments.slice(0, -1)) {
    const next = safeGet(parent, segment);
    if (isPlainRecord(next)) {
      parent = next;
      continue;
    }
    const created: Record<string, unknown> = {};
    safeSet(parent, segment, created);
    parent = created;
  }
  safeSet(parent, segments[segments.length - 1]!, value);
  return true;
}
