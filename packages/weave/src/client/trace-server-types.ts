import { z } from 'zod';
import type { Query } from './call-query.js';

/** The `filter` of a calls query (CallsFilter; the server rejects unknown keys). */
export interface CallsFilter {
  op_names?: string[];
  input_refs?: string[];
  output_refs?: string[];
  parent_ids?: string[];
  trace_ids?: string[];
  call_ids?: string[];
  trace_roots_only?: boolean;
  wb_user_ids?: string[];
  wb_run_ids?: string[];
}

export interface SortBy {
  field: string;
  direction: 'asc' | 'desc';
}

/** POST /calls/stream_query (CallsQueryReq). */
export interface CallsQueryRequest {
  project_id: string;
  filter?: CallsFilter;
  limit?: number;
  offset?: number;
  sort_by?: SortBy[];
  query?: Query;
  include_costs?: boolean;
  include_feedback?: boolean;
  columns?: string[];
}

/** POST /calls/query_stats (CallsQueryStatsReq). */
export interface CallsQueryStatsRequest {
  project_id: string;
  filter?: CallsFilter;
  query?: Query;
  limit?: number;
}

/** POST /feedback/query (FeedbackQueryReq). */
export interface FeedbackQueryRequest {
  project_id: string;
  fields?: string[];
  query?: Query;
  sort_by?: SortBy[];
  limit?: number;
  offset?: number;
}

/** POST /feedback/create (FeedbackCreateReq). A client `id` is left out: older servers reject it. */
export interface FeedbackCreateRequest {
  project_id: string;
  weave_ref: string;
  feedback_type: string;
  payload: Record<string, unknown>;
  creator?: string;
}

export interface StartedCall {
  project_id: string;
  id: string;
  op_name: string;
  display_name?: string;
  trace_id: string;
  parent_id?: string | null;
  started_at: string;
  attributes: Record<string, unknown>;
  inputs: Record<string, unknown>;
}

export interface EndedCall {
  project_id: string;
  id: string;
  ended_at: string;
  exception?: string | null;
  output?: unknown;
  summary: Record<string, unknown>;
}

/** One item of POST /call/upsert_batch. */
export type CallBatchItem =
  | { mode: 'start'; req: { start: StartedCall } }
  | { mode: 'end'; req: { end: EndedCall } };

/** POST /obj/read (ObjReadReq). */
export interface ObjectReadRequest {
  project_id: string;
  object_id: string;
  digest: string;
  metadata_only?: boolean;
}

/*
 * Wire schemas for what the server returns: only the fields slokit reads, every one lenient about what else is
 * there (servers add fields) and about nulls.
 */
/** A JSON object, checked without being copied (calls stream by the hundred thousand). */
const record = z.custom<Record<string, unknown>>(
  (value) => value !== null && typeof value === 'object' && !Array.isArray(value),
  { message: 'expected an object' },
);

export const weaveSummarySchema = z.looseObject({
  status: z.string().nullish(),
  latency_ms: z.number().nullish(),
  trace_name: z.string().nullish(),
  costs: record.nullish(),
  feedback: z.array(z.unknown()).nullish(),
});

export const callSchema = z.looseObject({
  id: z.string().min(1),
  op_name: z.string(),
  display_name: z.string().nullish(),
  trace_id: z.string().nullish(),
  parent_id: z.string().nullish(),
  started_at: z.string(),
  ended_at: z.string().nullish(),
  exception: z.string().nullish(),
  attributes: record.nullish(),
  inputs: record.nullish(),
  output: z.unknown().optional(),
  summary: z.looseObject({ usage: record.nullish(), weave: weaveSummarySchema.nullish() }).nullish(),
});

export type WeaveCall = z.infer<typeof callSchema>;

export const feedbackSchema = z.looseObject({
  id: z.string().nullish(),
  feedback_type: z.string(),
  weave_ref: z.string().nullish(),
  payload: z.unknown().optional(),
  created_at: z.string().nullish(),
});

export type WeaveFeedback = z.infer<typeof feedbackSchema>;

export const callReadResponseSchema = z.looseObject({ call: callSchema.nullable() });
export const queryStatsResponseSchema = z.looseObject({ count: z.number().int().nonnegative() });
export const feedbackQueryResponseSchema = z.looseObject({ result: z.array(record) });
export const feedbackCreateResponseSchema = z.looseObject({
  id: z.string(),
  created_at: z.string().nullish(),
});
export const upsertBatchResponseSchema = z.looseObject({ res: z.array(z.unknown()) });
export const callStartResponseSchema = z.looseObject({ id: z.string(), trace_id: z.string() });
export const objectReadResponseSchema = z.looseObject({
  obj: z.looseObject({ object_id: z.string(), digest: z.string(), val: z.unknown().optional() }),
});
export const serverInfoSchema = z.looseObject({ min_required_weave_python_version: z.string().nullish() });
export const healthSchema = z.looseObject({ status: z.string().nullish() });

export type ServerInfo = z.infer<typeof serverInfoSchema>;
export type WeaveObject = z.infer<typeof objectReadResponseSchema>['obj'];
