import type { Json } from './request-fields.js';

export interface StoredExperiment {
  experimentId: string;
  name: string;
  artifactLocation: string;
  lifecycleStage: 'active' | 'deleted';
  creationTime: number;
  lastUpdateTime: number;
  tags: Map<string, string>;
}

export interface MetricPoint {
  key: string;
  /** NaN stays NaN; ±Infinity is stored as ±Number.MAX_VALUE, as the SQL store does. */
  value: number;
  timestamp: number;
  step: number;
}

export interface StoredRun {
  runId: string;
  experimentId: string;
  runName: string;
  userId: string;
  status: string;
  startTime: number;
  endTime: number | undefined;
  artifactUri: string;
  lifecycleStage: 'active' | 'deleted';
  history: Map<string, MetricPoint[]>;
  latest: Map<string, MetricPoint>;
  params: Map<string, string>;
  tags: Map<string, string>;
}

export interface StoredAssessment {
  assessmentId: string;
  assessmentName: string;
  traceId: string;
  spanId: string | undefined;
  source: Json | undefined;
  createTime: string;
  lastUpdateTime: string;
  feedback: Json | undefined;
  expectation: Json | undefined;
  rationale: string | undefined;
  metadata: Record<string, string> | undefined;
  overrides: string | undefined;
  valid: boolean;
}

export interface StoredTrace {
  traceId: string;
  clientRequestId: string | undefined;
  experimentId: string;
  timestampMs: number;
  executionMs: number;
  state: string;
  metadata: Record<string, string>;
  tags: Record<string, string>;
  requestPreview: string | undefined;
  responsePreview: string | undefined;
  assessments: StoredAssessment[];
  linkedRuns: Set<string>;
  /** The search-result JSON of this trace, cached until the trace or its assessments change. */
  cachedJson?: string | undefined;
}
