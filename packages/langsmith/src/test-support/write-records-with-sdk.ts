import type { EvalRecord } from '@slokit/core';
import { deterministicUuid } from '@slokit/testkit/langsmith';
import { Client } from 'langsmith';
import type { RunCreate } from 'langsmith/schemas';

/** A `langsmith` SDK client pointed at an emulator, with explicit settings so the environment plays no part. */
export function sdkClient(
  emulator: { url: string; apiKey: string },
  options: { workspaceId?: string } = {},
): Client {
  return new Client({
    apiUrl: emulator.url,
    apiKey: emulator.apiKey,
    autoBatchTracing: false,
    ...(options.workspaceId ? { workspaceId: options.workspaceId } : {}),
  });
}

/** The run id a record is written under: LangSmith run ids are UUIDs. */
export function runIdOf(record: EvalRecord): string {
  return deterministicUuid(`slokit-test/${record.id}`);
}

/**
 * Writes records into LangSmith the way an instrumented app does, with the real SDK: each record is a root `chain`
 * run (the first half with `createRun`, the rest with `batchIngestRuns`) with an `llm` child run that reports the
 * tokens and cost in `usage_metadata`; scores become run feedback through `createFeedback`.
 */
export async function writeRecordsWithSdk(
  client: Client,
  project: string,
  records: EvalRecord[],
  options: { reference?: { datasetId: string } } = {},
): Promise<{ projectId: string }> {
  const created = await client.createProject({
    projectName: project,
    upsert: true,
    ...(options.reference ? { referenceDatasetId: options.reference.datasetId } : {}),
  });
  const half = Math.ceil(records.length / 2);
  const batch: RunCreate[] = [];
  for (const [index, record] of records.entries()) {
    const id = runIdOf(record);
    const start = Date.parse(record.timestamp!);
    const end = start + record.latency_ms!;
    const root: RunCreate = {
      id,
      name: 'support-bot',
      run_type: 'chain',
      start_time: start,
      end_time: end,
      inputs: { question: `question ${record.id}` },
      outputs: record.status === 'error' ? {} : { answer: `answer ${record.id}` },
      ...(record.error ? { error: record.error } : {}),
      extra: { metadata: { ...record.metadata, request_id: record.id } },
      tags: record.tags ?? ['production'],
    };
    const childId = deterministicUuid(`slokit-test/${record.id}/llm`);
    const child: RunCreate = {
      id: childId,
      name: String(record.metadata?.model ?? 'llm'),
      run_type: 'llm',
      session_name: project,
      parent_run_id: id,
      trace_id: id,
      dotted_order: `${dotted(start, id)}.${dotted(start + 1, childId)}`,
      start_time: start + 1,
      end_time: Math.max(start + 1, end - 1),
      inputs: { messages: [] },
      outputs: {
        usage_metadata: {
          input_tokens: record.tokens?.prompt ?? 0,
          output_tokens: record.tokens?.completion ?? 0,
          total_tokens: record.tokens?.total ?? 0,
          total_cost: record.cost_usd ?? 0,
        },
      },
    };
    // createRun takes project_name; batch entries name the project in session_name.
    if (index < half)
      await client.createRun({ ...root, project_name: project } as Parameters<Client['createRun']>[0]);
    else batch.push({ ...root, session_name: project, trace_id: id, dotted_order: dotted(start, id) });
    batch.push(child);
  }
  for (let start = 0; start < batch.length; start += 100) {
    await client.batchIngestRuns({ runCreates: batch.slice(start, start + 100) });
  }
  for (const record of records) {
    for (const [key, score] of Object.entries(record.scores ?? {})) {
      await client.createFeedback(runIdOf(record), key, { score, sessionId: created.id });
    }
  }
  return { projectId: created.id };
}

/** `20261126T120000123000Z<id>`: one segment of a dotted order. */
export function dotted(ms: number, id: string): string {
  return `${new Date(ms).toISOString().replace(/[-:.]/g, '').slice(0, 18)}000Z${id}`;
}
