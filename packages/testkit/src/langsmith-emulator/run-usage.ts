import { type EmulatorRun, isObject, type RunUsage, runMetadata } from './emulator-records.js';

export const emptyUsage: RunUsage = {
  prompt_tokens: null,
  completion_tokens: null,
  total_tokens: null,
  prompt_cost: null,
  completion_cost: null,
  total_cost: null,
};

/** Reads `usage_metadata` (LangChain's shape, costs included) from a run's outputs or its metadata. */
export function usageOf(run: EmulatorRun): RunUsage {
  const source = (run.outputs?.usage_metadata ?? runMetadata(run).usage_metadata) as
    | Record<string, unknown>
    | undefined;
  if (!isObject(source)) return emptyUsage;
  const number = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);
  const prompt = number(source.input_tokens);
  const completion = number(source.output_tokens);
  const promptCost = number(source.input_cost);
  const completionCost = number(source.output_cost);
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens:
      number(source.total_tokens) ??
      (prompt === null && completion === null ? null : (prompt ?? 0) + (completion ?? 0)),
    prompt_cost: promptCost,
    completion_cost: completionCost,
    total_cost:
      number(source.total_cost) ??
      (promptCost === null && completionCost === null ? null : (promptCost ?? 0) + (completionCost ?? 0)),
  };
}
