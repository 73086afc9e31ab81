/**
 * Logs to a trace server with the real `weave` npm SDK, as a user's app would: `node weave-sdk-driver.cjs
 * <scenario.json> <result.json>`, with WF_TRACE_SERVER_URL and WANDB_API_KEY set. Runs in its own process because
 * the SDK patches module loading and may call process.exit. Times come from a virtual clock the scenario sets, so
 * calls get the exact start times and latencies the test expects.
 */
const { readFileSync, writeFileSync } = require('node:fs');

const RealDate = Date;
let now = RealDate.now();
class VirtualDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(now);
    else super(...args);
  }
  static now() {
    return now;
  }
}
globalThis.Date = VirtualDate;
const setNow = (ms) => {
  now = ms;
};

const weave = require('weave');

async function logTraffic(client, scenario) {
  const scorerOps = new Map();
  const scorerOp = (name) => {
    if (!scorerOps.has(name)) {
      const op = weave.op(
        async ({ value }) => {
          const entry = weave.requireCurrentCallStackEntry();
          return { value, callId: entry.callId };
        },
        { name },
      );
      scorerOps.set(name, op);
    }
    return scorerOps.get(name);
  };
  const llmCall = weave.op(
    async (request) => {
      setNow(request.endMs);
      return { model: request.model, prompt: request.promptTokens, completion: request.completionTokens };
    },
    {
      name: 'llm_call',
      summarize: (result) => ({
        usage: {
          [result.model]: {
            prompt_tokens: result.prompt,
            completion_tokens: result.completion,
            total_tokens: result.prompt + result.completion,
          },
        },
      }),
    },
  );
  const root = weave.op(
    async (request) => {
      const entry = weave.requireCurrentCallStackEntry();
      request.callId = entry.callId;
      await llmCall(request);
      if (request.error) throw new Error(request.error);
      return { answer: `answer to ${request.question}` };
    },
    { name: scenario.op },
  );
  const calls = [];
  for (const request of scenario.requests) {
    const args = { ...request, endMs: request.startMs + request.latencyMs };
    const run = async () => {
      try {
        await root(args);
      } catch {
        // The error is the call's exception.
      }
    };
    setNow(request.startMs);
    await (request.attributes ? weave.withAttributes(request.attributes, run) : run());
    calls.push({ key: request.key, callId: args.callId });
  }
  // Scorers run afterwards, as monitors do, and attach their results to the calls as feedback.
  for (const [index, request] of scenario.requests.entries()) {
    for (const [scorer, value] of Object.entries(request.scores ?? {})) {
      setNow(request.startMs + request.latencyMs + 1000);
      const op = scorerOp(scorer);
      const result = await op({ value });
      const ref = await client.saveOp(op);
      await client.addScore(calls[index].callId, result.callId, ref.uri(), value);
    }
  }
  await client.waitForBatchProcessing();
  return { calls };
}

async function logEvaluation(client, scenario) {
  const rows = scenario.rows;
  const dataset = new weave.Dataset({
    name: `${scenario.name}-dataset`,
    rows: rows.map((row) => ({ ...row })),
  });
  const model = weave.op(
    async ({ datasetRow }) => {
      setNow(now + datasetRow.latencyMs);
      if (datasetRow.fails) throw new Error(`model failed on ${datasetRow.question}`);
      return datasetRow.answer;
    },
    { name: scenario.model },
  );
  const exact = weave.op(
    ({ modelOutput, datasetRow }) => ({
      correct: modelOutput === datasetRow.expected,
      score: modelOutput === datasetRow.expected ? 1 : 0.25,
    }),
    { name: 'exact' },
  );
  const helpfulness = weave.op(({ datasetRow }) => datasetRow.helpfulness, { name: 'helpfulness' });
  const evaluation = new weave.Evaluation({ name: scenario.name, dataset, scorers: [exact, helpfulness] });
  setNow(scenario.startMs);
  const output = await evaluation.evaluate({ model, maxConcurrency: 1 });
  await client.waitForBatchProcessing();
  return { output };
}

async function main() {
  const [scenarioFile, resultFile] = process.argv.slice(2);
  const scenario = JSON.parse(readFileSync(scenarioFile, 'utf8'));
  if (scenario.costs) {
    // Project prices, as an admin sets them (`client.add_cost` in Python): the server prices usage with them.
    const response = await fetch(`${process.env.WF_TRACE_SERVER_URL}/cost/create`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Basic ${Buffer.from(`api:${process.env.WANDB_API_KEY}`).toString('base64')}`,
      },
      body: JSON.stringify({ project_id: scenario.project, costs: scenario.costs }),
    });
    if (!response.ok) throw new Error(`cost/create answered ${response.status}: ${await response.text()}`);
  }
  const client = await weave.init(scenario.project);
  const results = [];
  for (const step of scenario.steps) {
    if (step.kind === 'traffic') results.push(await logTraffic(client, step));
    else if (step.kind === 'evaluation') results.push(await logEvaluation(client, step));
    else throw new Error(`unknown step ${step.kind}`);
  }
  await client.waitForBatchProcessing();
  writeFileSync(resultFile, JSON.stringify(results));
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
