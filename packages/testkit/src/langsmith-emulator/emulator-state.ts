import { randomUUID } from 'node:crypto';
import { EmulatorHttpError } from './emulator-http-error.js';
import {
  type EmulatorDataset,
  type EmulatorFeedback,
  type EmulatorRun,
  type EmulatorSession,
  isObject,
  isUuid,
  type RunUsage,
  runMetadata,
  runStatus,
} from './emulator-records.js';
import { parseTimeInput } from './parse-time-input.js';
import type { FilterableRun, RunFilter } from './run-filter.js';
import { compareRuns, lowerBound, type RunPosition, upperBound } from './run-order.js';
import { computeRunStats, type RunStats, type StatRun } from './run-stats.js';
import { emptyUsage, usageOf } from './run-usage.js';

/** Which runs a query wants; the same for `/runs/query`, `/api/v2/runs/query` and `/runs/stats`. */
export interface RunQuery {
  sessionIds: readonly string[];
  minStart?: number;
  maxStart?: number;
  isRoot?: boolean;
  ids?: ReadonlySet<string>;
  hasError?: boolean;
  runType?: string;
  traceId?: string;
  parentRun?: string;
  referenceExamples?: ReadonlySet<string>;
  filter?: RunFilter;
  traceFilter?: RunFilter;
  treeFilter?: RunFilter;
}

interface SessionRuns {
  /** Ascending by (start, id); sorted lazily after inserts. */
  runs: EmulatorRun[];
  sorted: boolean;
}

/** The emulator's data: sessions, datasets, runs and feedback, with LangSmith's derived views of them. */
export class EmulatorState {
  readonly sessions = new Map<string, EmulatorSession>();
  readonly datasets = new Map<string, EmulatorDataset>();
  readonly runs = new Map<string, EmulatorRun>();
  readonly feedback = new Map<string, EmulatorFeedback>();
  private readonly runsBySession = new Map<string, SessionRuns>();
  private readonly children = new Map<string, string[]>();
  private readonly traces = new Map<string, string[]>();
  private readonly feedbackByRun = new Map<string, EmulatorFeedback[]>();

  constructor(
    readonly tenantId: string,
    readonly now: () => number = Date.now,
  ) {}

  // Sessions

  createSession(
    body: {
      id?: unknown;
      name?: unknown;
      description?: unknown;
      extra?: unknown;
      reference_dataset_id?: unknown;
      start_time?: unknown;
      end_time?: unknown;
    },
    options: { upsert?: boolean } = {},
  ): EmulatorSession {
    if (typeof body.name !== 'string' || body.name === '')
      throw new EmulatorHttpError(422, 'name is required');
    const existing = this.sessionByName(body.name);
    if (existing) {
      if (!options.upsert) throw new EmulatorHttpError(409, `Session with name ${body.name} already exists`);
      return existing;
    }
    if (body.id !== undefined && body.id !== null && !isUuid(body.id))
      throw new EmulatorHttpError(422, 'id must be a UUID');
    const datasetId = body.reference_dataset_id ?? null;
    if (datasetId !== null && !this.datasets.has(String(datasetId)))
      throw new EmulatorHttpError(404, `Dataset ${String(datasetId)} not found`);
    const session: EmulatorSession = {
      id: (body.id as string | undefined) ?? randomUUID(),
      name: body.name,
      description: typeof body.description === 'string' ? body.description : null,
      tenant_id: this.tenantId,
      start_time: parseTimeInput(body.start_time) ?? this.now(),
      end_time: parseTimeInput(body.end_time) ?? null,
      extra: isObject(body.extra) ? body.extra : {},
      reference_dataset_id: datasetId === null ? null : String(datasetId),
    };
    this.sessions.set(session.id, session);
    this.runsBySession.set(session.id, { runs: [], sorted: true });
    return session;
  }

  sessionByName(name: string): EmulatorSession | undefined {
    for (const session of this.sessions.values()) if (session.name === name) return session;
    return undefined;
  }

  requireSession(id: string): EmulatorSession {
    const session = this.sessions.get(id);
    if (!session) throw new EmulatorHttpError(404, `Session ${id} not found`);
    return session;
  }

  /**
   * `PATCH /sessions/{id}`. The SDK's `updateProject` sends null for every field it was not given: here a null
   * name or end_time leaves the field as it is, a null description clears it, and `extra` is replaced.
   */
  updateSession(id: string, body: Record<string, unknown>): EmulatorSession {
    const session = this.requireSession(id);
    if (typeof body.name === 'string' && body.name !== '') session.name = body.name;
    if ('description' in body)
      session.description = typeof body.description === 'string' ? body.description : null;
    if (isObject(body.extra)) session.extra = body.extra;
    const end = parseTimeInput(body.end_time);
    if (end !== undefined) session.end_time = end;
    return session;
  }

  /** Root runs of a session at or after `since`, for its stats. */
  sessionStats(session: EmulatorSession, since?: number): RunStats {
    const runs = this.sortedRuns(session.id).filter(
      (run) => run.parent_run_id === null && (since === undefined || run.start >= since),
    );
    return computeRunStats(runs.map((run) => this.statRun(run)));
  }

  /** Project-level feedback on a session (`session_feedback_stats`). */
  sessionFeedback(sessionId: string): EmulatorFeedback[] {
    return [...this.feedback.values()].filter(
      (feedback) => feedback.run_id === null && feedback.session_id === sessionId,
    );
  }

  // Datasets

  createDataset(body: {
    name?: unknown;
    description?: unknown;
    data_type?: unknown;
    extra?: unknown;
    id?: unknown;
  }) {
    if (typeof body.name !== 'string' || body.name === '')
      throw new EmulatorHttpError(422, 'name is required');
    for (const dataset of this.datasets.values()) {
      if (dataset.name === body.name)
        throw new EmulatorHttpError(409, `Dataset with name ${body.name} already exists`);
    }
    const dataset: EmulatorDataset = {
      id: isUuid(body.id) ? body.id : randomUUID(),
      name: body.name,
      description: typeof body.description === 'string' ? body.description : null,
      tenant_id: this.tenantId,
      created_at: this.now(),
      data_type: typeof body.data_type === 'string' ? body.data_type : 'kv',
      extra: isObject(body.extra) ? body.extra : {},
    };
    this.datasets.set(dataset.id, dataset);
    return dataset;
  }

  // Runs

  /** `POST /runs` and the `post` half of `/runs/batch`. A run id that exists already is a 409. */
  createRun(body: Record<string, unknown>): EmulatorRun {
    const id = body.id ?? randomUUID();
    if (!isUuid(id)) throw new EmulatorHttpError(422, `run id must be a UUID, got ${JSON.stringify(id)}`);
    if (this.runs.has(id)) throw new EmulatorHttpError(409, `Run ${id} already exists`);
    const session = this.sessionFor(body);
    const start = parseTimeInput(body.start_time);
    if (start === undefined || start === null) throw new EmulatorHttpError(422, 'start_time is required');
    const parent = body.parent_run_id;
    if (parent !== undefined && parent !== null && !isUuid(parent))
      throw new EmulatorHttpError(422, 'parent_run_id must be a UUID');
    const traceId = isUuid(body.trace_id)
      ? body.trace_id
      : parent
        ? (this.runs.get(parent)?.trace_id ?? id)
        : id;
    const run: EmulatorRun = {
      id,
      name: typeof body.name === 'string' ? body.name : 'run',
      run_type: typeof body.run_type === 'string' ? body.run_type.toLowerCase() : 'chain',
      session_id: session.id,
      start,
      end: parseTimeInput(body.end_time) ?? null,
      error: typeof body.error === 'string' && body.error !== '' ? body.error : null,
      inputs: isObject(body.inputs) ? body.inputs : null,
      outputs: isObject(body.outputs) ? body.outputs : null,
      extra: isObject(body.extra) ? body.extra : {},
      tags: Array.isArray(body.tags) ? body.tags.filter((tag): tag is string => typeof tag === 'string') : [],
      parent_run_id: (parent as string | null | undefined) ?? null,
      trace_id: traceId,
      dotted_order: typeof body.dotted_order === 'string' ? body.dotted_order : '',
      reference_example_id: isUuid(body.reference_example_id) ? body.reference_example_id : null,
      usage: emptyUsage,
    };
    run.usage = usageOf(run);
    this.insertRun(run);
    return run;
  }

  /** Adds a run built in code (seeding), skipping validation. */
  insertRun(run: EmulatorRun): void {
    this.runs.set(run.id, run);
    const sessionRuns = this.runsBySession.get(run.session_id);
    if (!sessionRuns) throw new EmulatorHttpError(404, `Session ${run.session_id} not found`);
    const last = sessionRuns.runs[sessionRuns.runs.length - 1];
    sessionRuns.runs.push(run);
    if (last && compareRuns(last, run) > 0) sessionRuns.sorted = false;
    if (run.parent_run_id !== null) push(this.children, run.parent_run_id, run.id);
    push(this.traces, run.trace_id, run.id);
  }

  /** `PATCH /runs/{id}` and the `patch` half of `/runs/batch`: ends a run, sets its outputs or error. */
  updateRun(id: string, body: Record<string, unknown>): EmulatorRun {
    const run = this.runs.get(id);
    if (!run) throw new EmulatorHttpError(404, `Run ${id} not found`);
    const end = parseTimeInput(body.end_time);
    if (end !== undefined && end !== null) run.end = end;
    if (typeof body.error === 'string' && body.error !== '') run.error = body.error;
    if (isObject(body.outputs)) run.outputs = body.outputs;
    if (isObject(body.extra)) run.extra = { ...run.extra, ...body.extra };
    if (Array.isArray(body.tags))
      run.tags = body.tags.filter((tag): tag is string => typeof tag === 'string');
    run.usage = usageOf(run);
    return run;
  }

  /**
   * One page of runs, newest first (start_time descending, then id), after `after`. `next` is where the following
   * page starts, or null when there is none.
   */
  queryRuns(
    query: RunQuery,
    options: { after?: RunPosition; limit: number; order?: 'asc' | 'desc' },
  ): { runs: EmulatorRun[]; next: RunPosition | null } {
    const candidates = this.candidates(query.sessionIds);
    const descending = options.order !== 'asc';
    const runs: EmulatorRun[] = [];
    let index: number;
    if (descending) index = options.after ? lowerBound(candidates, options.after) - 1 : candidates.length - 1;
    else index = options.after ? upperBound(candidates, options.after) : 0;
    const step = descending ? -1 : 1;
    for (; index >= 0 && index < candidates.length; index += step) {
      const run = candidates[index]!;
      if (descending ? query.minStart !== undefined && run.start < query.minStart : false) break;
      if (!descending && query.maxStart !== undefined && run.start > query.maxStart) break;
      if (!this.matches(run, query)) continue;
      runs.push(run);
      if (runs.length >= options.limit) {
        const more = descending ? index > 0 : index < candidates.length - 1;
        return { runs, next: more ? { start: run.start, id: run.id } : null };
      }
    }
    return { runs, next: null };
  }

  /** Every run a query matches (for `/runs/stats`). */
  *allRuns(query: RunQuery): Generator<EmulatorRun> {
    for (const run of this.candidates(query.sessionIds)) if (this.matches(run, query)) yield run;
  }

  runStats(query: RunQuery): RunStats {
    const runs: StatRun[] = [];
    for (const run of this.allRuns(query)) runs.push(this.statRun(run));
    return computeRunStats(runs);
  }

  /** Token counts and costs over a run and its descendants; null where none of them reported any. */
  subtreeUsage(run: EmulatorRun): RunUsage {
    const children = this.children.get(run.id);
    if (!children) return run.usage;
    const total = { ...run.usage };
    for (const childId of children) {
      const child = this.runs.get(childId);
      if (!child) continue;
      const usage = this.subtreeUsage(child);
      for (const key of Object.keys(total) as (keyof RunUsage)[]) {
        const value = usage[key];
        if (value !== null) total[key] = (total[key] ?? 0) + value;
      }
    }
    return total;
  }

  runFeedback(runId: string): readonly EmulatorFeedback[] {
    return this.feedbackByRun.get(runId) ?? [];
  }

  // Feedback

  /** `POST /feedback`: run-level (run_id) or project-level (session_id without run_id). A known id is a 409. */
  createFeedback(body: Record<string, unknown>): EmulatorFeedback {
    const id = body.id ?? randomUUID();
    if (!isUuid(id)) throw new EmulatorHttpError(422, 'feedback id must be a UUID');
    if (this.feedback.has(id)) throw new EmulatorHttpError(409, `Feedback ${id} already exists`);
    if (typeof body.key !== 'string' || body.key === '') throw new EmulatorHttpError(422, 'key is required');
    const runId = body.run_id ?? null;
    const sessionId = body.session_id ?? null;
    if (runId !== null && !isUuid(runId)) throw new EmulatorHttpError(422, 'run_id must be a UUID');
    if (sessionId !== null && !isUuid(sessionId))
      throw new EmulatorHttpError(422, 'session_id must be a UUID');
    if (runId === null && sessionId === null)
      throw new EmulatorHttpError(422, 'one of run_id or session_id is required');
    if (runId === null && sessionId !== null) this.requireSession(sessionId);
    const time = this.now();
    const feedback: EmulatorFeedback = {
      id,
      run_id: runId,
      trace_id: isUuid(body.trace_id)
        ? body.trace_id
        : runId
          ? (this.runs.get(runId)?.trace_id ?? null)
          : null,
      session_id: sessionId ?? (runId ? (this.runs.get(runId)?.session_id ?? null) : null),
      key: body.key,
      score: checkScore(body.score),
      value: body.value ?? null,
      comment: typeof body.comment === 'string' ? body.comment : null,
      correction: body.correction ?? null,
      feedback_source: isObject(body.feedback_source) ? body.feedback_source : null,
      created_at: time,
      modified_at: time,
    };
    this.insertFeedback(feedback);
    return feedback;
  }

  /** Adds feedback built in code (seeding), skipping validation. */
  insertFeedback(feedback: EmulatorFeedback): void {
    this.feedback.set(feedback.id, feedback);
    if (feedback.run_id !== null) push(this.feedbackByRun, feedback.run_id, feedback);
  }

  /** `PATCH /feedback/{id}`: only the fields sent change. */
  updateFeedback(id: string, body: Record<string, unknown>): EmulatorFeedback {
    const feedback = this.feedback.get(id);
    if (!feedback) throw new EmulatorHttpError(404, `Feedback ${id} not found`);
    if ('score' in body) feedback.score = checkScore(body.score);
    if ('value' in body) feedback.value = body.value ?? null;
    if ('comment' in body) feedback.comment = typeof body.comment === 'string' ? body.comment : null;
    if ('correction' in body) feedback.correction = body.correction ?? null;
    feedback.modified_at = this.now();
    return feedback;
  }

  // Internals

  statRun(run: EmulatorRun): StatRun {
    const usage = this.subtreeUsage(run);
    return {
      start_time: run.start,
      latency: run.end === null ? null : (run.end - run.start) / 1000,
      status: runStatus(run),
      prompt_tokens: usage.prompt_tokens ?? 0,
      completion_tokens: usage.completion_tokens ?? 0,
      total_tokens: usage.total_tokens ?? 0,
      prompt_cost: usage.prompt_cost ?? 0,
      completion_cost: usage.completion_cost ?? 0,
      total_cost: usage.total_cost ?? 0,
      feedback: this.runFeedback(run.id),
    };
  }

  private sessionFor(body: Record<string, unknown>): EmulatorSession {
    if (isUuid(body.session_id)) return this.requireSession(body.session_id);
    const name =
      typeof body.session_name === 'string' && body.session_name !== '' ? body.session_name : 'default';
    return this.sessionByName(name) ?? this.createSession({ name });
  }

  private sortedRuns(sessionId: string): EmulatorRun[] {
    const sessionRuns = this.runsBySession.get(sessionId);
    if (!sessionRuns) return [];
    if (!sessionRuns.sorted) {
      sessionRuns.runs.sort(compareRuns);
      sessionRuns.sorted = true;
    }
    return sessionRuns.runs;
  }

  private candidates(sessionIds: readonly string[]): EmulatorRun[] {
    if (sessionIds.length === 1) return this.sortedRuns(sessionIds[0]!);
    return sessionIds.flatMap((id) => this.sortedRuns(id)).sort(compareRuns);
  }

  private matches(run: EmulatorRun, query: RunQuery): boolean {
    if (query.minStart !== undefined && run.start < query.minStart) return false;
    if (query.maxStart !== undefined && run.start > query.maxStart) return false;
    if (query.isRoot !== undefined && (run.parent_run_id === null) !== query.isRoot) return false;
    if (query.ids && !query.ids.has(run.id)) return false;
    if (query.hasError !== undefined && (runStatus(run) === 'error') !== query.hasError) return false;
    if (query.runType !== undefined && run.run_type !== query.runType) return false;
    if (query.traceId !== undefined && run.trace_id !== query.traceId) return false;
    if (query.parentRun !== undefined && run.parent_run_id !== query.parentRun) return false;
    if (query.referenceExamples && !query.referenceExamples.has(run.reference_example_id ?? '')) return false;
    if (query.filter && !query.filter(this.filterable(run))) return false;
    if (query.traceFilter) {
      const root = this.runs.get(run.trace_id);
      if (!root || !query.traceFilter(this.filterable(root))) return false;
    }
    if (query.treeFilter) {
      const filter = query.treeFilter;
      const tree = this.traces.get(run.trace_id) ?? [];
      if (!tree.some((id) => this.runs.has(id) && filter(this.filterable(this.runs.get(id)!)))) return false;
    }
    return true;
  }

  private filterable(run: EmulatorRun): FilterableRun {
    const usage = this.subtreeUsage(run);
    return {
      id: run.id,
      name: run.name,
      run_type: run.run_type,
      status: runStatus(run),
      error: run.error,
      start_time: run.start,
      end_time: run.end,
      latency: run.end === null ? null : (run.end - run.start) / 1000,
      total_tokens: usage.total_tokens ?? 0,
      prompt_tokens: usage.prompt_tokens ?? 0,
      completion_tokens: usage.completion_tokens ?? 0,
      total_cost: usage.total_cost ?? 0,
      tags: run.tags,
      trace_id: run.trace_id,
      parent_run_id: run.parent_run_id,
      is_root: run.parent_run_id === null,
      metadata: runMetadata(run),
      feedback: this.runFeedback(run.id),
    };
  }
}

function checkScore(score: unknown): number | boolean | null {
  if (score === undefined || score === null) return null;
  if (typeof score === 'boolean') return score;
  if (typeof score !== 'number' || !Number.isFinite(score))
    throw new EmulatorHttpError(422, 'score must be a number, a boolean or null');
  // The API stores at most 4 decimal places and rejects more precise scores (the SDK rounds before sending).
  if (Math.abs(Math.round(score * 1e4) / 1e4 - score) > 1e-12)
    throw new EmulatorHttpError(422, `score ${score} has more than 4 decimal places`);
  return score;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
