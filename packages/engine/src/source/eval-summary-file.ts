import { readFile, stat } from 'node:fs/promises';

/** Larger `.json` files are records (JSON Lines), never an eval run's results, and are not read whole to find out. */
const largestResultsDocument = 16 * 1024 * 1024;

/**
 * Whether a `.json` file is one JSON document with a `metrics` object: an eval run's results
 * (`{"metrics": {"accuracy": 0.87, ...}}`), read as the source's eval summary rather than as records.
 */
export async function holdsEvalResults(path: string): Promise<boolean> {
  if (!path.toLowerCase().endsWith('.json')) return false;
  if ((await stat(path)).size > largestResultsDocument) return false;
  let parsed: unknown;
  try {
    parsed = JSON.parse((await readFile(path, 'utf8')).replace(/^\uFEFF/, ''));
  } catch {
    return false;
  }
  const metrics = (parsed as { metrics?: unknown } | null)?.metrics;
  return typeof metrics === 'object' && metrics !== null && !Array.isArray(metrics);
}
