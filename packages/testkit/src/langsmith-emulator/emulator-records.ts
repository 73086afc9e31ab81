/** A tracing project or experiment ("session"). */
export interface EmulatorSession {
  id: string;
  name: string;
  description: string | null;
  tenant_id: string;
  /** Epoch ms. */
  start_time: number;
  end_time: number | null;
  extra: Record<string, unknown>;
  reference_dataset_id: string | null;
}

export interface EmulatorDataset {
  id: string;
  name: string;
  description: string | null;
  tenant_id: string;
  created_at: number;
  data_type: string;
  extra: Record<string, unknown>;
}

/** Token counts and costs a run reported itself (from `usage_metadata`); null when it reported none. */
export interface RunUsage {
  prompt_tokens: number | null;
  completion_tokens: number | null;
  total_tokens: number | null;
  prompt_cost: number | null;
  completion_cost: number | null;
  total_cost: number | null;
}

export interface EmulatorRun {
  id: string;
  name: string;
  /** Lower case, as ingested: llm, chain, tool, retriever, prompt, parser, embedding. */
  run_type: string;
  session_id: string;
  /** Epoch ms. */
  start: number;
  /** Epoch ms; null while the run is pending. */
  end: number | null;
  error: string | null;
  inputs: Record<string, unknown> | null;
  outputs: Record<string, unknown> | null;
  extra: Record<string, unknown>;
  tags: string[];
  parent_run_id: string | null;
  trace_id: string;
  dotted_order: string;
  reference_example_id: string | null;
  usage: RunUsage;
}

export interface EmulatorFeedback {
  id: string;
  run_id: string | null;
  trace_id: string | null;
  session_id: string | null;
  key: string;
  score: number | boolean | null;
  value: unknown;
  comment: string | null;
  correction: unknown;
  feedback_source: Record<string, unknown> | null;
  created_at: number;
  modified_at: number;
}

export function runStatus(run: EmulatorRun): 'success' | 'error' | 'pending' {
  if (run.end === null) return 'pending';
  return run.error ? 'error' : 'success';
}

export function runMetadata(run: EmulatorRun): Record<string, unknown> {
  const metadata = run.extra.metadata;
  return metadata !== null && typeof metadata === 'object' ? (metadata as Record<string, unknown>) : {};
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && uuidPattern.test(value);
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
