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
 */
export function compileFieldPath(path: string): FieldReader {
  const segments = path.split('.');
  const first = segments[0]!;
  const resolved = recordFields.has(first) ? segments : ['metadata', ...segments];
  if (resolved.length === 1) return (record) => (record as Record<string, unknown>)[first];
  if (resolved.length === 2) {
    const [outer, inner] = resolved as [string, string];
    return (record) => {
      const parent = (record as Record<string, unknown>)[outer];
      return parent !== null && typeof parent === 'object'
        ? (parent as Record<string, unknown>)[inner]
        : undefined;
    };
  }
  return (record) => {
    let value: unknown = record;
    for (const segment of resolved) {
      if (value === null || typeof value !== 'object') return undefined;
      value = (value as Record<string, unknown>)[segment];
    }
    return value;
  };
}
