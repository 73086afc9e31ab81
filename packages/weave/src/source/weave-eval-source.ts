import type { EvalSourceV1, EvalSummary, ReadRecordsOptions, RecordBatch } from '@slokit/core';
import { TraceServerClient } from '../client/trace-server-client.js';
import type { CallsFilter, CallsQueryRequest } from '../client/trace-server-types.js';
import { opNameFilter, refName } from '../client/weave-refs.js';
import { parseCallTime } from '../mapping/call-fields.js';
import { callToRecord } from '../mapping/call-to-record.js';
import { evaluationMetrics } from '../mapping/evaluation-metrics.js';
import type { MappedCall } from '../mapping/mapped-call.js';
import { predictRowToRecord } from '../mapping/predict-row-to-record.js';
import type { WeaveSettings } from '../settings/weave-source-config.js';
import { callUrl } from '../settings/weave-urls.js';
import { type CallsCursor, decodeCursor, encodeCursor } from './calls-cursor.js';
import {
  countEvaluationRows,
  evaluationColumns,
  latestEvaluationRun,
  predictOpNames,
} from './evaluation-runs.js';
import { type CallPage, readCallPages } from './read-call-pages.js';

/** What an ops source asks for: no inputs or outputs, which can be large and are not read. */
const opColumns = [
  'id',
  'op_name',
  'display_name',
  'trace_id',
  'parent_id',
  'started_at',
  'ended_at',
  'exception',
  'attributes',
  'summary',
];

export interface WeaveSourceOptions {
  client?: TraceServerClient;
  fetch?: typeof fetch;
  retry?: ConstructorParameters<typeof TraceServerClient>[0]['retry'];
}

/**
 * The `type: weave` source: production calls of the configured ops, or the rows of evaluation runs, as records,
 * streamed page by page; the latest evaluation's aggregate output as the eval summary.
 */
export function createWeaveSource(settings: WeaveSettings, options: WeaveSourceOptions = {}): EvalSourceV1 {
  const client =
    options.client ??
    new TraceServerClient({
      baseUrl: settings.urls.traceServer,
      apiKey: settings.apiKey,
      apiKeyVariable: settings.apiKeyVariable,
      source: settings.name,
      timeoutMs: settings.timeoutMs,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.retry ? { retry: options.retry } : {}),
    });
  const context = {
    source: settings.name,
    callUrl: (id: string) => callUrl(settings.urls, settings.projectId, id),
    ...(settings.recordId === undefined ? {} : { recordId: settings.recordId }),
  };
  const target = settings.target;
  const location = `weave project ${settings.projectId}`;

  async function* readRecords(readOptions: ReadRecordsOptions = {}): AsyncGenerator<RecordBatch> {
    const { signal } = readOptions;
    const cursor = readOptions.cursor === undefined ? undefined : decodeCursor(readOptions.cursor);
    let filter: CallsFilter;
    let map: (call: unknown) => MappedCall;
    let columns: string[];
    let evaluation: string | undefined;
    if (target.kind === 'ops') {
      filter = { op_names: target.ops.flatMap((op) => opNameFilter(settings.projectId, op)) };
      map = (call) => callToRecord(call, context);
      columns = settings.recordId?.startsWith('inputs.') ? [...opColumns, 'inputs'] : opColumns;
    } else {
      map = (call) => predictRowToRecord(call, context);
      columns = evaluationColumns;
      if (target.selector === 'all') filter = { op_names: predictOpNames(settings.projectId) };
      else {
        evaluation = cursor?.evaluation ?? (await latestEvaluationRun(client, settings, signal))?.id;
        if (evaluation === undefined) return;
        filter = { parent_ids: [evaluation], op_names: predictOpNames(settings.projectId) };
      }
    }
    const request: Omit<CallsQueryRequest, 'query' | 'sort_by' | 'limit' | 'offset'> = {
      project_id: settings.projectId,
      filter,
      columns,
      include_costs: settings.includeCosts,
      include_feedback: settings.includeFeedback,
    };
    const pages = readCallPages({
      client,
      request,
      map,
      pageSize: settings.pageSize,
      overlapMs: settings.overlapMs,
      ...(readOptions.since ? { since: readOptions.since.getTime() } : {}),
      ...(readOptions.until ? { until: readOptions.until.getTime() } : {}),
      ...(cursor ? { cursor } : {}),
      ...(evaluation ? { evaluation } : {}),
      location,
      source: settings.name,
      ...(signal ? { signal } : {}),
    });
    for await (const page of pages) yield toBatch(page);
  }

  async function readEvalSummary(
    summaryOptions: { signal?: AbortSignal } = {},
  ): Promise<EvalSummary | undefined> {
    const run = await latestEvaluationRun(client, settings, summaryOptions.signal);
    if (!run) return undefined;
    const samples = await countEvaluationRows(client, settings, run.id, summaryOptions.signal);
    const ended = parseCallTime(run.ended_at ?? run.started_at);
    const name = refName(run.inputs?.self) ?? run.display_name ?? run.id;
    return {
      metrics: evaluationMetrics(run.output),
      samples,
      name: run.display_name && run.display_name !== name ? `${name} (${run.display_name})` : name,
      ...(Number.isNaN(ended) ? {} : { timestamp: new Date(ended).toISOString() }),
      url: context.callUrl(run.id),
    };
  }

  const source: EvalSourceV1 = {
    specificationVersion: 'v1',
    name: settings.name,
    type: 'weave',
    readRecords,
  };
  if (target.kind === 'evaluations') source.readEvalSummary = readEvalSummary;
  return source;
}

/** A page as a RecordBatch whose cursor is encoded only when read (checks never read it). */
function toBatch(page: CallPage): RecordBatch {
  let encoded: string | undefined;
  const batch = { records: page.records, times: page.times, issues: page.issues } as RecordBatch;
  Object.defineProperty(batch, 'cursor', {
    enumerable: true,
    get: () => {
      encoded ??= encodeCursor(page.cursor());
      return encoded;
    },
  });
  return batch;
}

export type { CallsCursor };
