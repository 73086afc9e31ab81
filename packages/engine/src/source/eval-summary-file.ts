import { readFile, stat } from 'node:fs/promises';
import { type EvalSummary, InputError } from '@slokit/core/internal';

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
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    return false;
  }
  const metrics = (parsed as { metrics?: unknown } | null)?.metrics;
  return typeof metrics === 'object' && metrics !== null && !Array.isArray(metrics);
}

/** Reads a JSON eval summary `{ "metrics": { "accuracy": 0.92, ... }, "samples": 200 }`; null or "NaN" is no value. */
export async function readEvalSummaryFile(path: string): Promise<EvalSummary> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new InputError(path, undefined, `expected a JSON eval summary: ${(error as Error).message}`);
  }
  const summary = parsed as Partial<EvalSummary> | null;
  if (
    summary === null ||
    typeof summary !== 'object' ||
    typeof summary.metrics !== 'object' ||
    summary.metrics === null
  ) {
    throw new InputError(
      path,
      undefined,
      'expected { "metrics": { "accuracy": 0.92, ... }, "samples": 200 }',
    );
  }
  const result: EvalSummary = { metrics: readMetrics(summary.metrics, path) };
  if (summary.samples !== undefined) {
    if (typeof summary.samples !== 'number' || !Number.isInteger(summary.samples) || summary.samples < 0) {
      throw new InputError(
        path,
        undefined,
        `samples: expected a whole number, found ${JSON.stringify(summary.samples)}`,
      );
    }
    result.samples = summary.samples;
  }
  if (typeof summary.name === 'string') result.name = summary.name;
  if (typeof summary.timestamp === 'string') result.timestamp = summary.timestamp;
  if (typeof summary.url === 'string') result.url = summary.url;
  return result;
}

function readMetrics(raw: object, path: string): Record<string, number | null> {
  const metrics: Record<string, number | null> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === null || (value as unknown) === 'NaN') metrics[key] = null;
    else if (typeof value === 'number' && Number.isFinite(value)) metrics[key] = value;
    else
      throw new InputError(
        path,
        undefined,
        `metrics.${key}: expected a number or null, found ${JSON.stringify(value)}`,
      );
  }
  return metrics;
}
