import { isForbiddenKey } from './safe-object.js';

/**
 * The dotted path of the first forbidden key (`__proto__`, `constructor`, `prototype`) anywhere inside a parsed
 * value, or undefined. Iterative, so a deeply nested line cannot overflow the stack.
 */
export function forbiddenKeyPath(value: unknown, prefix: string): string | undefined {
  const pending: Array<{ value: unknown; path: string }> = [{ value, path: prefix }];
  for (let entry = pending.pop(); entry !== undefined; entry = pending.pop()) {
    const current = entry.value;
    if (current === null || typeof current !== 'object') continue;
    if (Array.isArray(current)) {
      current.forEach((item, index) => {
        if (item !== null && typeof item === 'object')
          pending.push({ value: item, path: `${entry.path}[${index}]` });
      });
      continue;
    }
    for (const key of Object.keys(current)) {
      const path = entry.path === '' ? key : `${entry.path}.${key}`;
      if (isForbiddenKey(key)) return path;
      const item = (current as Record<string, unknown>)[key];
      if (item !== null && typeof item === 'object') pending.push({ value: item, path });
    }
  }
  return undefined;
}

/** The record issue for a forbidden key found at `path` (`metadata.__proto__`, `__proto__.url`). */
export function forbiddenKeyProblem(path: string): string {
  const key = path.split(/[.[]/).find((segment) => isForbiddenKey(segment)) ?? path;
  return `${path}: ${JSON.stringify(key)} is not allowed as a key in record data`;
}
