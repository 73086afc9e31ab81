import type { EvalRecord } from './eval-record.js';

const recordFields = new Set([
  'id',
  'timestamp',
  'latency_ms',
  'status',
  'error',
  'cost_usd',
  'tokens',
  'scores',
  'tags',
  'metadata',
  'source',
  'url',
]);

/** Reads a value from a record by a dotted path. */
export type FieldReader = (record: EvalRecord) => unknown;

/**
 * Compiles a dotted path (`scores.accuracy`, `metadata.model`) into a reader. A path whose first segment is not a
 * record field reads from `metadata`, where sources keep fields they do not know (`model` reads `metadata.model`).
 * Only own properties are read: `metadata.constructor` or `toString` never find what every object inherits.
 */
export function compileFieldPath(path: string): FieldReader {
  const segments = path.split('.');
  const first = segments[0]!;
  const resolved = recordFields.has(first) ? segments : ['metadata', ...segments];
  if (resolved.length === 1) return (record) => ownValue(record, first);
  if (resolved.length === 2) {
    const [outer, inner] = resolved as [string, string];
    return (record) => ownValue(ownValue(record, outer), inner);
  }
  return (record) => {
    let value: unknown = record;
    for (const segment of resolved) {
      value = ownValue(value, segment);
      if (value === undefined) return undefined;
    }
    return value;
  };
}

function ownValue(parent: unknown, key: string): unknown {
  return parent !== null && typeof parent === 'object' && Object.hasOwn(parent, key)
    ? (parent as Record<string, unknown>)[key]
    : undefined;
}
