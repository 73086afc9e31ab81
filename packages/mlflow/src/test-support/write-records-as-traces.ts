import type { EvalRecord } from '@slokit/core';
import type { MlflowClient } from '../client/mlflow-client.js';

/**
 * Logs records as MLflow traces through the REST API, as an instrumented app and an LLM judge would: StartTraceV3
 * with the record id as `client_request_id`, its latency as `execution_duration`, tokens and cost as trace
 * metadata, its error as the `error.message` tag, then one Feedback assessment per score. Returns the trace ids.
 */
export async function writeRecordsAsTraces(
  client: MlflowClient,
  experimentId: string,
  records: readonly EvalRecord[],
  options: { sourceRun?: string; traceIdPrefix?: string } = {},
): Promise<string[]> {
  const ids: string[] = [];
  for (const [index, record] of records.entries()) {
    const traceId = `tr-${(options.traceIdPrefix ?? 'c0ffee').padEnd(8, '0')}${String(index).padStart(24, '0')}`;
    const metadata: Record<string, string> = { 'mlflow.trace_schema.version': '3' };
    if (record.tokens) {
      metadata['mlflow.trace.tokenUsage'] = JSON.stringify({
        input_tokens: record.tokens.prompt,
        output_tokens: record.tokens.completion,
        total_tokens: record.tokens.total,
      });
    }
    if (record.cost_usd !== undefined)
      metadata['mlflow.trace.cost'] = JSON.stringify({ total_cost: record.cost_usd });
    if (options.sourceRun) metadata['mlflow.sourceRun'] = options.sourceRun;
    for (const [key, value] of Object.entries(record.metadata ?? {})) metadata[key] = String(value);
    const tags: Record<string, string> = { 'mlflow.traceName': 'support_agent' };
    if (record.error) tags['error.message'] = record.error;
    await client.startTrace({
      trace_id: traceId,
      ...(record.id ? { client_request_id: record.id } : {}),
      trace_location: { type: 'MLFLOW_EXPERIMENT', mlflow_experiment: { experiment_id: experimentId } },
      request_time: record.timestamp!,
      execution_duration: `${((record.latency_ms ?? 0) / 1000).toFixed(3)}s`,
      state: record.status === 'error' ? 'ERROR' : 'OK',
      trace_metadata: metadata,
      tags,
    });
    for (const [name, value] of Object.entries(record.scores ?? {})) {
      await client.createAssessment(traceId, {
        assessment_name: name,
        source: { source_type: 'LLM_JUDGE', source_id: 'openai:/gpt-4o-mini' },
        feedback: { value },
      });
    }
    ids.push(traceId);
  }
  return ids;
}
