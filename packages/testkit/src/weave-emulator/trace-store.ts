import { createHash } from 'node:crypto';
import { defaultModelPrices, type ModelPrice } from './model-prices.js';
import { formatTimestampMicros } from './timestamps.js';

/** A call as the server stores it: the start part merged with its end part. */
export interface StoredCall {
  id: string;
  project_id: string;
  op_name: string;
  display_name: string | null;
  trace_id: string;
  parent_id: string | null;
  thread_id: string | null;
  turn_id: string | null;
  startedMicros: number;
  attributes: Record<string, unknown>;
  inputs: Record<string, unknown>;
  endedMicros: number | null;
  exception: string | null;
  output: unknown;
  /** The client-written summary (`usage`, `status_counts`, ...); `summary.weave` is derived on every read. */
  summary: Record<string, unknown>;
  wb_user_id: string | null;
  wb_run_id: string | null;
  wb_run_step: number | null;
  wb_run_step_end: number | null;
}

export interface CallEndPart {
  endedMicros: number;
  exception: string | null;
  output: unknown;
  summary: Record<string, unknown>;
  wb_run_step_end: number | null;
}

export interface StoredFeedback {
  id: string;
  project_id: string;
  weave_ref: string;
  feedback_type: string;
  payload: Record<string, unknown>;
  creator: string | null;
  created_at: string;
  wb_user_id: string;
  annotation_ref: string | null;
  runnable_ref: string | null;
  call_ref: string | null;
  trigger_ref: string | null;
}

export interface StoredObject {
  project_id: string;
  object_id: string;
  created_at: string;
  deleted_at: null;
  digest: string;
  version_index: number;
  is_latest: number;
  kind: 'op' | 'object';
  base_object_class: string | null;
  leaf_object_class: string | null;
  val: unknown;
  wb_user_id: string;
}

export interface StoredCost extends ModelPrice {
  id: string;
  llm_id: string;
  prompt_token_cost_unit: string;
  completion_token_cost_unit: string;
  created_at: string;
}

export type WeaveStatus = 'success' | 'error' | 'running' | 'descendant_error';

/** Everything one `entity/project` holds. */
export class ProjectStore {
  readonly calls = new Map<string, StoredCall>();
  /** Ends that arrived before their start: the server merges call parts by id whatever their order. */
  readonly pendingEnds = new Map<string, CallEndPart>();
  readonly feedback: StoredFeedback[] = [];
  readonly feedbackByRef = new Map<string, StoredFeedback[]>();
  readonly objects = new Map<string, StoredObject[]>();
  readonly tables = new Map<string, Array<{ digest: string; val: Record<string, unknown> }>>();
  readonly costs = new Map<string, StoredCost[]>();
  readonly files = new Map<string, number>();
  /** Bumped whenever prices change, so cached answers that carry costs are made again. */
  costsVersion = 0;
  private sorted: StoredCall[] | undefined;
  private readonly versions = new WeakMap<StoredCall, number>();
  private readonly lines = new WeakMap<StoredCall, { key: string; line: string }>();

  constructor(readonly projectId: string) {}

  /** Calls in `started_at`, then `id`, order: the server's order when a query gives no `sort_by`. */
  sortedCalls(): StoredCall[] {
    if (this.sorted === undefined) {
      this.sorted = [...this.calls.values()].sort(
        (a, b) => a.startedMicros - b.startedMicros || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
      );
    }
    return this.sorted;
  }

  putCall(call: StoredCall): void {
    const existing = this.calls.get(call.id);
    const pending = this.pendingEnds.get(call.id);
    if (pending) {
      this.pendingEnds.delete(call.id);
      applyEnd(call, pending);
    } else if (existing && existing.endedMicros !== null) {
      // A repeated start (a client retry) keeps the end already merged.
      applyEnd(call, {
        endedMicros: existing.endedMicros,
        exception: existing.exception,
        output: existing.output,
        summary: existing.summary,
        wb_run_step_end: existing.wb_run_step_end,
      });
    }
    this.calls.set(call.id, call);
    this.touch(call);
    this.sorted = undefined;
  }

  /** Marks a call as changed (ended, renamed): answers about it are made again. */
  touch(call: StoredCall): void {
    this.versions.set(call, (this.versions.get(call) ?? 0) + 1);
  }

  /**
   * The JSON line of a call for these read options, made once and kept until the call, its feedback or the prices
   * change: serializing is most of the work of a large read.
   */
  callLine(call: StoredCall, options: CallJsonOptions, optionsKey: string): string {
    const feedback = this.feedbackByRef.get(callRef(call.project_id, call.id))?.length ?? 0;
    const key = `${optionsKey}|${this.versions.get(call) ?? 0}|${feedback}|${this.costsVersion}`;
    const cached = this.lines.get(call);
    if (cached?.key === key) return cached.line;
    const line = JSON.stringify(callToJson(call, this, options));
    this.lines.set(call, { key, line });
    return line;
  }

  endCall(id: string, end: CallEndPart): void {
    const call = this.calls.get(id);
    if (call) {
      applyEnd(call, end);
      this.touch(call);
    } else this.pendingEnds.set(id, end);
  }

  addFeedback(feedback: StoredFeedback): void {
    this.feedback.push(feedback);
    const list = this.feedbackByRef.get(feedback.weave_ref);
    if (list) list.push(feedback);
    else this.feedbackByRef.set(feedback.weave_ref, [feedback]);
  }

  putObject(objectId: string, val: unknown, createdAt: string, baseObjectClass: string | null): StoredObject {
    const digest = contentDigest(val);
    const versions = this.objects.get(objectId) ?? [];
    const same = versions.find((version) => version.digest === digest);
    if (same) return same;
    for (const version of versions) version.is_latest = 0;
    const isOp = isOpValue(val);
    const object: StoredObject = {
      project_id: this.projectId,
      object_id: objectId,
      created_at: createdAt,
      deleted_at: null,
      digest,
      version_index: versions.length,
      is_latest: 1,
      kind: isOp ? 'op' : 'object',
      base_object_class: baseObjectClass ?? baseClassOf(val),
      leaf_object_class: leafClassOf(val),
      val,
      wb_user_id: 'emulator-user',
    };
    versions.push(object);
    this.objects.set(objectId, versions);
    return object;
  }

  /** The price of an LLM id: a project cost (`/cost/create`) wins over the default table. */
  priceOf(
    llmId: string,
  ): { price: ModelPrice & { id?: string; created_at?: string }; level: 'project' | 'default' } | undefined {
    const custom = this.costs.get(llmId);
    if (custom && custom.length > 0) return { price: custom[custom.length - 1]!, level: 'project' };
    const price = defaultModelPrices.get(llmId);
    return price ? { price, level: 'default' } : undefined;
  }
}

function applyEnd(call: StoredCall, end: CallEndPart): void {
  call.endedMicros = end.endedMicros;
  call.exception = end.exception;
  call.output = end.output;
  call.summary = end.summary;
  call.wb_run_step_end = end.wb_run_step_end;
}

/** The derived `summary.weave` status, as the reference notes give the rules. */
export function statusOf(call: StoredCall): WeaveStatus {
  if (call.exception !== null) return 'error';
  if (call.endedMicros === null) return 'running';
  const counts = call.summary.status_counts as Record<string, unknown> | undefined;
  if (counts && typeof counts.error === 'number' && counts.error > 0) return 'descendant_error';
  return 'success';
}

/** `weave:///entity/project/op/Name:digest` → `Name`; other op names are returned as they are. */
export function opNameOf(opName: string): string {
  if (!opName.startsWith('weave:///') && !opName.startsWith('weave-trace-internal:///')) return opName;
  const last = opName.slice(opName.lastIndexOf('/') + 1);
  const colon = last.indexOf(':');
  return colon === -1 ? last : last.slice(0, colon);
}

export function traceNameOf(call: StoredCall): string {
  return call.display_name !== null && call.display_name !== '' ? call.display_name : opNameOf(call.op_name);
}

export function latencyMsOf(call: StoredCall): number | undefined {
  if (call.endedMicros === null) return undefined;
  return Math.floor(call.endedMicros / 1000) - Math.floor(call.startedMicros / 1000);
}

export interface CallJsonOptions {
  includeCosts?: boolean;
  includeFeedback?: boolean;
  /** Top-level fields to return (`columns`); every field when absent. */
  columns?: ReadonlySet<string>;
}

/** A stored call as the server returns it (CallSchema), with `summary.weave` derived for this read. */
export function callToJson(
  call: StoredCall,
  project: ProjectStore,
  options: CallJsonOptions = {},
): Record<string, unknown> {
  const weave: Record<string, unknown> = { status: statusOf(call), trace_name: traceNameOf(call) };
  const latency = latencyMsOf(call);
  if (latency !== undefined) weave.latency_ms = latency;
  if (options.includeCosts) {
    const costs = costsOf(call, project);
    if (costs) weave.costs = costs;
  }
  if (options.includeFeedback) {
    const feedback = project.feedbackByRef.get(callRef(call.project_id, call.id));
    if (feedback && feedback.length > 0) weave.feedback = feedback.map((entry) => ({ ...entry }));
  }
  const full: Record<string, unknown> = {
    id: call.id,
    project_id: call.project_id,
    op_name: call.op_name,
    display_name: call.display_name,
    trace_id: call.trace_id,
    parent_id: call.parent_id,
    thread_id: call.thread_id,
    turn_id: call.turn_id,
    started_at: formatTimestampMicros(call.startedMicros),
    attributes: call.attributes,
    inputs: call.inputs,
    ended_at: call.endedMicros === null ? null : formatTimestampMicros(call.endedMicros),
    exception: call.exception,
    output: call.output,
    summary: { ...call.summary, weave },
    wb_user_id: call.wb_user_id,
    wb_run_id: call.wb_run_id,
    wb_run_step: call.wb_run_step,
    wb_run_step_end: call.wb_run_step_end,
    deleted_at: null,
  };
  if (!options.columns) return full;
  const selected: Record<string, unknown> = {};
  for (const key of Object.keys(full)) if (options.columns.has(key)) selected[key] = full[key];
  return selected;
}

/** Top-level fields every CallSchema carries even when `columns` selects others. */
export const requiredCallColumns = ['id', 'project_id', 'trace_id', 'op_name', 'started_at'];

/** `summary.weave.costs`: each model of `summary.usage` the server has a price for. */
export function costsOf(call: StoredCall, project: ProjectStore): Record<string, unknown> | undefined {
  const usage = call.summary.usage;
  if (usage === null || typeof usage !== 'object') return undefined;
  let costs: Record<string, unknown> | undefined;
  for (const [llmId, entry] of Object.entries(usage as Record<string, unknown>)) {
    if (entry === null || typeof entry !== 'object') continue;
    const found = project.priceOf(llmId);
    if (!found) continue;
    const tokens = entry as Record<string, unknown>;
    const prompt = numberOr(tokens.prompt_tokens, numberOr(tokens.input_tokens, 0));
    const completion = numberOr(tokens.completion_tokens, numberOr(tokens.output_tokens, 0));
    costs ??= {};
    costs[llmId] = {
      ...tokens,
      prompt_tokens_total_cost: prompt * found.price.prompt_token_cost,
      completion_tokens_total_cost: completion * found.price.completion_token_cost,
      prompt_token_cost: found.price.prompt_token_cost,
      completion_token_cost: found.price.completion_token_cost,
      prompt_token_cost_unit: 'USD',
      completion_token_cost_unit: 'USD',
      effective_date: found.price.effective_date,
      provider_id: found.price.provider_id,
      pricing_level: found.level,
      pricing_level_id: found.level === 'project' ? project.projectId : 'default',
      created_at: found.price.created_at ?? found.price.effective_date,
      created_by: 'emulator-user',
    };
  }
  return costs;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

export function callRef(projectId: string, callId: string): string {
  return `weave:///${projectId}/call/${callId}`;
}

/** A stable digest of a JSON value (the server's digests are content hashes too). */
export function contentDigest(value: unknown): string {
  return createHash('sha256')
    .update(stableJson(value))
    .digest('base64url')
    .replace(/[-_]/g, 'x')
    .slice(0, 43);
}

function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, entry]) => entry !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${stableJson(entry)}`).join(',')}}`;
}

function isOpValue(val: unknown): boolean {
  if (val === null || typeof val !== 'object') return false;
  const record = val as Record<string, unknown>;
  const weaveType = record.weave_type as Record<string, unknown> | undefined;
  return record._type === 'CustomWeaveType' && weaveType?.type === 'Op';
}

function baseClassOf(val: unknown): string | null {
  if (val === null || typeof val !== 'object') return null;
  const bases = (val as Record<string, unknown>)._bases;
  const className = (val as Record<string, unknown>)._class_name;
  if (Array.isArray(bases) && bases.length > 0) {
    const known = bases.filter((base) => base !== 'Object' && base !== 'BaseModel' && base !== 'WeaveObject');
    if (known.length === 0 && typeof className === 'string') return className;
    return typeof known[known.length - 1] === 'string' ? (known[known.length - 1] as string) : null;
  }
  return typeof className === 'string' ? className : null;
}

function leafClassOf(val: unknown): string | null {
  if (val === null || typeof val !== 'object') return null;
  const className = (val as Record<string, unknown>)._class_name;
  return typeof className === 'string' ? className : null;
}
