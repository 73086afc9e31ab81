/**
 * Keys that reach a prototype when assigned (`target.__proto__.url = ...`, `target.constructor.prototype...`).
 * Data never sets them: a record, a CSV header or tracker metadata holding one is refused.
 */
export const forbiddenKeys: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function isForbiddenKey(key: string): boolean {
  return forbiddenKeys.has(key);
}

/** An object without a prototype: keys from data stay its own properties, and it inherits nothing to be read. */
export function safeRecordObject(): Record<string, unknown> {
  return Object.create(null) as Record<string, unknown>;
}

/**
 * Sets `value` at a dotted path (`scores.accuracy`, `metadata.model`) inside `target`, creating the objects along
 * the way; an existing value that is not an object is replaced. Returns false and sets nothing when a segment is
 * forbidden. Only own properties are followed, and since no forbidden key is ever assigned, the objects created
 * can be plain ones (they print and compare like parsed JSON).
 */
export function setDottedPath(target: Record<string, unknown>, path: string, value: unknown): boolean {
  const segments = path.split('.');
  for (const segment of segments) if (isForbiddenKey(segment)) return false;
  let parent = target;
  for (let index = 0; index < segments.length - 1; index++) {
    const segment = segments[index]!;
    const next = Object.hasOwn(parent, segment) ? parent[segment] : undefined;
    if (next !== null && typeof next === 'object' && !Array.isArray(next)) {
      parent = next as Record<string, unknown>;
    } else {
      const created: Record<string, unknown> = {};
      parent[segment] = created;
      parent = created;
    }
  }
  parent[segments[segments.length - 1]!] = value;
  return true;
}
