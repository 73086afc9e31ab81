import { isForbiddenKey } from './safe-object.js';

/**
 * The dotted path of the first forbidden key (`__proto__`, `constructor`, `prototype`) anywhere inside a parsed
 * value, or undefined. Runs on every record's metadata: a flat object is checked without allocating, and only a
 * value that holds a forbidden key pays for building its path. Iterative, so deep nesting cannot overflow the stack.
 */
export function forbiddenKeyPath(value: unknown, prefix: string): string | undefined {
  return holdsForbiddenKey(value) ? pathOfForbiddenKey(value, prefix) : undefined;
}

/** The record issue for a forbidden key found at `path` (`metadata.__proto__`, `__proto__.url`). */
export function forbiddenKeyProblem(path: string): string {
  const key = path.split(/[.[]/).find((segment) => isForbiddenKey(segment)) ?? path;
  return `${path}: ${JSON.stringify(key)} is not allowed as a key in record data`;
}

function holdsForbiddenKey(root: unknown): boolean {
  let pending: object[] | undefined;
  for (let current: unknown = root; current !== undefined; current = pending?.pop()) {
    if (current === null || typeof current !== 'object') continue;
    if (Array.isArray(current)) {
      for (const item of current) pending = withObject(pending, item);
      continue;
    }
    for (const key in current) {
      if (key === '__proto__' || key === 'constructor' || key === 'prototype') return true;
      pending = withObject(pending, (current as Record<string, unknown>)[key]);
    }
  }
  return false;
}

/** Queues a nested object to visit; the queue is allocated only when one turns up, as most metadata is flat. */
function withObject(pending: object[] | undefined, item: unknown): object[] | undefined {
  if (item === null || typeof item !== 'object') return pending;
  const queue = pending ?? [];
  queue.push(item);
  return queue;
}

function pathOfForbiddenKey(root: unknown, prefix: string): string | undefined {
  const pending: Array<{ value: unknown; path: string }> = [{ value: root, path: prefix }];
  for (let entry = pending.pop(); entry !== undefined; entry = pending.pop()) {
    const { value, path } = entry;
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        pending.push({ value: item, path: `${path}[${index}]` });
      });
      continue;
    }
    for (const key of Object.keys(value)) {
      const keyPath = path === '' ? key : `${path}.${key}`;
      if (isForbiddenKey(key)) return keyPath;
      pending.push({ value: (value as Record<string, unknown>)[key], path: keyPath });
    }
  }
  return undefined;
}
