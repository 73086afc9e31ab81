import type { ConfigProblem } from '../errors/config-error.js';
import { isForbiddenKey } from '../record/safe-object.js';
import { formatConfigPath } from './format-config-path.js';

/**
 * Every `__proto__`, `constructor` or `prototype` key in a config, by path. Validation would otherwise drop them
 * silently (a `__proto__` key of a mapping sets its prototype instead of an entry), so they are config errors.
 */
export function forbiddenConfigKeys(raw: unknown): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const pending: Array<{ value: unknown; path: PropertyKey[] }> = [{ value: raw, path: [] }];
  for (let entry = pending.shift(); entry !== undefined; entry = pending.shift()) {
    const { value, path } = entry;
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        pending.push({ value: item, path: [...path, index] });
      });
    } else if (isPlainObject(value)) {
      for (const key of Object.keys(value)) {
        if (isForbiddenKey(key)) {
          problems.push({
            path: formatConfigPath([...path, key]),
            message: `"${key}" is not allowed as a key`,
          });
        } else {
          pending.push({ value: value[key], path: [...path, key] });
        }
      }
    }
  }
  return problems;
}

/** Parsed YAML and JSON build plain objects; a TypeScript config may hold class instances, which are not walked. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
