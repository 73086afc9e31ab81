import { Random } from '../random.js';
import { generateSupportBotTraffic, type SupportBotTrafficOptions } from '../support-bot-traffic.js';
import { opRef } from './op-ref.js';
import { parseTimestampMicros } from './timestamps.js';
import { callRef, type ProjectStore, type StoredCall } from './trace-store.js';
import { seededUuidV7 } from './uuid-v7.js';

export interface SupportBotCallsOptions extends SupportBotTrafficOptions {
  /** `entity/project`. */
  project: string;
  /** The root op the production calls run. Default `answer_question`. */
  op?: string;
}

/**
 * Stores generated support-bot traffic as a Python SDK would log it: one root call per request (op ref name, usage
 * in `summary.usage`, the error as `exception`, tenant and prompt version as attributes) and the online judge's
 * scores as scorer feedback (`wandb.runnable.<scorer>` with `payload.output`). Returns what was stored.
 */
export function seedSupportBotCalls(
  store: ProjectStore,
  options: SupportBotCallsOptions,
): { calls: number; feedback: number } {
  const { project, op = 'answer_question', ...traffic } = options;
  const random = new Random(`${traffic.seed ?? 'weave'}:ids`);
  const opName = opRef(project, op);
  let calls = 0;
  let feedback = 0;
  for (const record of generateSupportBotTraffic(traffic)) {
    const startedMicros = parseTimestampMicros(record.timestamp)!;
    const startedMs = startedMicros / 1000;
    const id = seededUuidV7(startedMs, random);
    const call: StoredCall = {
      id,
      project_id: project,
      op_name: opName,
      display_name: null,
      trace_id: seededUuidV7(startedMs, random),
      parent_id: null,
      thread_id: null,
      turn_id: null,
      startedMicros,
      attributes: {
        weave: { client_version: '0.51.56', source: 'python-sdk', sys_version: '3.12.7' },
        tenant: record.metadata.tenant,
        prompt_version: record.metadata.prompt_version,
        region: record.metadata.region,
      },
      inputs: { question: `question from ${record.metadata.user_id}`, user_id: record.metadata.user_id },
      endedMicros: startedMicros + record.latency_ms * 1000,
      exception: record.status === 'error' ? (record.error ?? 'error') : null,
      output: record.status === 'error' ? null : { answer: `answer ${record.id}` },
      summary: {
        usage: {
          [record.metadata.model]: {
            prompt_tokens: record.tokens.prompt,
            completion_tokens: record.tokens.completion,
            total_tokens: record.tokens.total,
            requests: 1,
          },
        },
      },
      wb_user_id: 'emulator-user',
      wb_run_id: null,
      wb_run_step: null,
      wb_run_step_end: null,
    };
    store.putCall(call);
    calls++;
    const scoredAt = new Date(startedMs + record.latency_ms + 1500).toISOString();
    for (const [scorer, value] of Object.entries(record.scores ?? {})) {
      if (value === undefined) continue;
      store.addFeedback({
        id: seededUuidV7(startedMs + record.latency_ms + 1500, random),
        project_id: project,
        weave_ref: callRef(project, id),
        feedback_type: `wandb.runnable.${scorer}`,
        payload: { output: value },
        creator: null,
        created_at: scoredAt,
        wb_user_id: 'emulator-user',
        annotation_ref: null,
        runnable_ref: opRef(project, scorer),
        call_ref: callRef(project, seededUuidV7(startedMs + record.latency_ms + 1000, random)),
        trigger_ref: null,
      });
      feedback++;
    }
  }
  return { calls, feedback };
}
