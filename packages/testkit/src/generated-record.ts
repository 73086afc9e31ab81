export type GeneratedScores = {
  /** The judge's verdict on correctness. */
  accuracy?: boolean;
  /** LLM-judge helpfulness in [0, 1], two decimals. */
  helpfulness?: number;
  /** In [0, 1]; almost always 0. */
  toxicity?: number;
};

export type GeneratedMetadata = {
  model: string;
  tenant: string;
  prompt_version: string;
  region: string;
  user_id: string;
};

/** One generated support-bot request. Structurally an `EvalRecord` of @slokit/core, with every field it always sets made required. */
export interface GeneratedRecord {
  id: string;
  /** ISO 8601 UTC with milliseconds. */
  timestamp: string;
  latency_ms: number;
  status: 'success' | 'error';
  error?: string;
  cost_usd: number;
  tokens: { prompt: number; completion: number; total: number };
  /** Absent when no online evaluator sampled the request, and on errors. */
  scores?: GeneratedScores;
  tags: string[];
  metadata: GeneratedMetadata;
  url: string;
}
