import type { EvalRecord } from '@slokit/core';
import { testPublisher, testSource } from '@slokit/core/testing';
import { startWeaveEmulator, type WeaveEmulator } from '@slokit/testkit/weave';
import { TraceServerClient } from './client/trace-server-client.js';
import { createEvalSource, createPublisher } from './index.js';
import { checkOpName } from './publish/check-call.js';
import { runWeaveSdk, type SdkRequest } from './test-support/run-weave-sdk.js';

const project = 'conformance/support-bot';

function environment(emulator: WeaveEmulator) {
  return {
    baseDir: process.cwd(),
    env: { WANDB_API_KEY: emulator.apiKey, WF_TRACE_SERVER_URL: emulator.url },
  };
}

testSource({
  name: 'weave ops (written by the weave npm SDK)',
  async setup(records: EvalRecord[]) {
    const emulator = await startWeaveEmulator();
    // Each record's LLM gets its own project price, so the server prices it at exactly the record's cost.
    const costs: Record<string, { prompt_token_cost: number; completion_token_cost: number }> = {};
    const requests: SdkRequest[] = records.map((record) => {
      const model = `${record.metadata?.model}/${record.id}`;
      costs[model] = {
        prompt_token_cost: record.cost_usd! / record.tokens!.prompt!,
        completion_token_cost: 0,
      };
      return {
        key: record.id!,
        question: `question ${record.id}`,
        startMs: Date.parse(record.timestamp!),
        latencyMs: record.latency_ms!,
        model,
        promptTokens: record.tokens!.prompt!,
        completionTokens: record.tokens!.completion!,
        ...(record.error ? { error: record.error } : {}),
        ...(record.scores ? { scores: record.scores } : {}),
        attributes: { request_id: record.id! },
      };
    });
    await runWeaveSdk(emulator, {
      project,
      costs,
      steps: [{ kind: 'traffic', op: 'answer_question', requests }],
    });
    const source = createEvalSource(
      'prod',
      { type: 'weave', project, ops: ['answer_question'], recordId: 'attributes.request_id', pageSize: 50 },
      environment(emulator),
    );
    return { source, teardown: () => emulator.stop() };
  },
});

testPublisher({
  name: 'weave',
  async setup() {
    const emulator = await startWeaveEmulator();
    emulator.seedEvaluation({
      project,
      name: 'support-eval',
      startedAt: '2026-11-26T13:00:00.000Z',
      rows: [
        { scores: { correct: true }, modelLatencyMs: 800 },
        { scores: { correct: false }, modelLatencyMs: 1200 },
      ],
    });
    const publisher = createPublisher(
      'prod',
      { type: 'weave', project, evaluations: 'latest' },
      environment(emulator),
    );
    const client = new TraceServerClient({ baseUrl: emulator.url, apiKey: emulator.apiKey, source: 'prod' });
    return {
      publisher,
      async readPublished() {
        const calls = await client.queryCalls({ project_id: project, filter: { op_names: [checkOpName] } });
        return calls.flatMap((call) =>
          (
            (call as { output: { slos: Array<{ name: string; value: number | null; status: string }> } })
              .output.slos ?? []
          ).map((slo) => ({ slo: slo.name, value: slo.value, status: slo.status })),
        );
      },
      dumpBackend: async () => emulator.dump(),
      teardown: () => emulator.stop(),
    };
  },
  secrets: ['weave-emulator-key-0123456789abcdef01234567'],
});
