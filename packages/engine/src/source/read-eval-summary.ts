import { readFile } from 'node:fs/promises';
import { type EvalSummary, forbiddenKeyProblem, InputError, isForbiddenKey } from '@slokit/core/internal';

/** Reads a JSON eval summary `{ "metrics": { "accuracy": 0.92 }, "samples": 200 }`; InputError when malformed. */
export async function readEvalSummary(path: string): Promise<EvalSummary> {
  let parsed: unknown;
  try {
    // Editors on Windows save JSON with a byte order mark, which JSON.parse refuses.
    parsed = JSON.parse((await readFile(path, 'utf8')).replace(/^\uFEFF/, ''));
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
  const metrics: Record<string, number | null> = {};
  for (const [key, value] of Object.entries(summary.metrics)) {
    if (isForbiddenKey(key)) throw new InputError(path, undefined, forbiddenKeyProblem(`metrics.${key}`));
    if (value === null || (value as unknown) === 'NaN') metrics[key] = null;
    else if (typeof value === 'number' && Number.isFinite(value)) metrics[key] = value;
    else
      throw new InputError(
        path,
        undefined,
        `metrics.${key}: expected a number or null, found ${JSON.stringify(value)}`,
      );
  }
  const result: EvalSummary = { metrics };
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
