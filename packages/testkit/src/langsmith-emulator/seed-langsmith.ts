import type { GeneratedRecord } from '../generated-record.js';
import { quickstartTrafficOptions } from '../quickstart-example.js';
import { Random } from '../random.js';
import { generateSupportBotTraffic, type SupportBotTrafficOptions } from '../support-bot-traffic.js';
import { deterministicUuid } from './deterministic-uuid.js';
import type { EmulatorFeedback, EmulatorRun, EmulatorSession } from './emulator-records.js';
import type { EmulatorState } from './emulator-state.js';

/** Production traffic: one root `chain` run per generated request, its judge scores as feedback. */
export interface TrafficSeed {
  /** The tracing project; default `support-bot`. */
  project?: string;
  /** Options of `generateSupportBotTraffic`; default the quickstart day (5,631 requests). */
  traffic?: SupportBotTrafficOptions;
  /** Give each request an `llm` child run that carries the tokens and cost (default true); else the root does. */
  childRuns?: boolean;
  /** Store example inputs and outputs on root runs (default true); what full-select readers pay for. */
  payloads?: boolean;
}

/** An offline experiment: one root run per dataset example, with correctness, helpfulness and faithfulness feedback. */
export interface ExperimentSeed {
  name: string;
  /** ISO time the experiment started. */
  startTime: string;
  samples: number;
  /** Shifts the scores; default the name. */
  seed?: string;
}

export interface LangSmithSeed {
  traffic?: TrafficSeed | false;
  experiments?: { dataset?: string; runs: ExperimentSeed[] } | false;
}

/** The quickstart day of traffic in `support-bot`, and two experiments on the dataset `support-bot-eval`. */
export const defaultLangSmithSeed: LangSmithSeed = {
  traffic: { project: 'support-bot', traffic: quickstartTrafficOptions, childRuns: true },
  experiments: {
    dataset: 'support-bot-eval',
    runs: [
      { name: 'support-bot-eval-2026-11-25', startTime: '2026-11-25T13:30:00.000Z', samples: 200 },
      { name: 'support-bot-eval-2026-11-26', startTime: '2026-11-26T13:30:00.000Z', samples: 200 },
    ],
  },
};

const questions = [
  'How do I reset my password? The link in the email has expired.',
  'My invoice for November shows a charge twice. Can you refund one of them?',
  'Can I export my data to CSV before I cancel my subscription?',
  'The mobile app crashes when I open the settings page on Android 15.',
  'How do I add a second admin to our workspace?',
  'Why was my order delayed and when will it arrive?',
];
const answers = [
  'You can request a new reset link from the sign-in page; links stay valid for 30 minutes. If it fails again, ' +
    'clear the browser cache and try once more, or reply here and I will send one manually.',
  'I can see the duplicate charge on your November invoice. I have opened a refund for the second charge; it ' +
    'reaches your card within 5 to 7 business days and you will get a confirmation email.',
  'Yes: go to Settings, then Data, then Export, pick CSV and the date range. The export stays available for 7 days ' +
    'after you cancel.',
  'Thanks for the report. Version 4.2.1 fixes a crash in settings on Android 15; please update from the Play Store ' +
    'and let me know if it still happens.',
];

/** Writes seeded traffic into a project; returns the session and the number of root runs. */
export function seedTraffic(
  state: EmulatorState,
  seed: TrafficSeed = {},
): { session: EmulatorSession; runs: number } {
  const projectName = seed.project ?? 'support-bot';
  const session = state.sessionByName(projectName) ?? state.createSession({ name: projectName });
  const childRuns = seed.childRuns ?? true;
  const payloads = seed.payloads ?? true;
  let count = 0;
  for (const record of generateSupportBotTraffic(seed.traffic ?? quickstartTrafficOptions)) {
    addTrafficRecord(state, session, record, { childRuns, payloads, index: count });
    count++;
  }
  return { session, runs: count };
}

function addTrafficRecord(
  state: EmulatorState,
  session: EmulatorSession,
  record: GeneratedRecord,
  options: { childRuns: boolean; payloads: boolean; index: number },
): void {
  const start = Date.parse(record.timestamp);
  const end = start + record.latency_ms;
  const id = deterministicUuid(`${session.name}/${record.id}`);
  const usage = {
    prompt_tokens: record.tokens.prompt,
    completion_tokens: record.tokens.completion,
    total_tokens: record.tokens.total,
    prompt_cost: null,
    completion_cost: null,
    total_cost: record.cost_usd,
  };
  const noUsage = {
    prompt_tokens: null,
    completion_tokens: null,
    total_tokens: null,
    prompt_cost: null,
    completion_cost: null,
    total_cost: null,
  };
  const root: EmulatorRun = {
    id,
    name: 'support-bot',
    run_type: 'chain',
    session_id: session.id,
    start,
    end,
    error: record.error ?? null,
    inputs: options.payloads ? { question: questions[options.index % questions.length] } : null,
    outputs:
      options.payloads && record.status === 'success'
        ? { answer: answers[options.index % answers.length] }
        : null,
    extra: { metadata: { ...record.metadata, request_id: record.id } },
    tags: record.tags,
    parent_run_id: null,
    trace_id: id,
    dotted_order: `${dottedTime(start)}${id}`,
    reference_example_id: null,
    usage: options.childRuns ? noUsage : usage,
  };
  state.insertRun(root);
  if (options.childRuns) {
    const childId = deterministicUuid(`${id}/llm`);
    const childStart = start + Math.min(5, record.latency_ms);
    state.insertRun({
      ...root,
      id: childId,
      name: record.metadata.model,
      run_type: 'llm',
      start: childStart,
      end: Math.max(childStart, end - 1),
      inputs: null,
      outputs: null,
      extra: { metadata: { ls_model_name: record.metadata.model } },
      tags: [],
      parent_run_id: id,
      dotted_order: `${root.dotted_order}.${dottedTime(childStart)}${childId}`,
      usage,
    });
  }
  for (const [key, score] of Object.entries(record.scores ?? {})) {
    state.insertFeedback(feedback(`${id}/${key}`, { run: root, key, score, time: end + 1000 }));
  }
}

/** Writes a dataset and its experiments; returns the experiment sessions. */
export function seedExperiments(
  state: EmulatorState,
  seed: { dataset?: string; runs: ExperimentSeed[] },
): EmulatorSession[] {
  const datasetName = seed.dataset ?? 'support-bot-eval';
  const dataset =
    [...state.datasets.values()].find((candidate) => candidate.name === datasetName) ??
    state.createDataset({ name: datasetName, description: 'Support questions with reference answers' });
  return seed.runs.map((experiment) => {
    const start = Date.parse(experiment.startTime);
    const session = state.createSession({
      name: experiment.name,
      reference_dataset_id: dataset.id,
      start_time: start,
      end_time: start + experiment.samples * 1500 + 60_000,
      extra: { metadata: { dataset_version: '2026-11-01', model: 'gpt-4o' } },
    });
    const random = new Random(`${experiment.seed ?? experiment.name}/experiment`);
    for (let index = 0; index < experiment.samples; index++) {
      const runStart = start + index * 1500;
      const id = deterministicUuid(`${session.name}/example-${index}`);
      const failed = random.chance(0.02);
      const latency = Math.round(random.lognormal(Math.log(1400), 0.35));
      const promptTokens = Math.round(random.lognormal(Math.log(9000), 0.4));
      const completionTokens = failed ? 0 : Math.round(random.lognormal(Math.log(180), 0.4));
      const run: EmulatorRun = {
        id,
        name: 'support-bot',
        run_type: 'chain',
        session_id: session.id,
        start: runStart,
        end: runStart + latency,
        error: failed ? 'upstream 503 Service Unavailable' : null,
        inputs: { question: questions[index % questions.length] },
        outputs: failed ? null : { answer: answers[index % answers.length] },
        extra: { metadata: { example_index: index } },
        tags: ['eval'],
        parent_run_id: null,
        trace_id: id,
        dotted_order: `${dottedTime(runStart)}${id}`,
        reference_example_id: deterministicUuid(`${dataset.id}/example-${index}`),
        usage: {
          prompt_tokens: promptTokens,
          completion_tokens: completionTokens,
          total_tokens: promptTokens + completionTokens,
          prompt_cost: null,
          completion_cost: null,
          total_cost: failed ? 0 : Math.round(promptTokens * 2.5 + completionTokens * 10) / 1e6,
        },
      };
      state.insertRun(run);
      if (failed) continue;
      const correct = random.chance(0.88);
      const scores = {
        correctness: correct,
        helpfulness: clippedScore(0.85 - (correct ? 0 : 0.3) + 0.1 * random.normal()),
        faithfulness: clippedScore(0.92 - (correct ? 0 : 0.2) + 0.06 * random.normal()),
      };
      for (const [key, score] of Object.entries(scores)) {
        state.insertFeedback(feedback(`${id}/${key}`, { run, key, score, time: run.end! + 500 }));
      }
    }
    return session;
  });
}

function feedback(
  seed: string,
  options: { run: EmulatorRun; key: string; score: number | boolean; time: number },
): EmulatorFeedback {
  return {
    id: deterministicUuid(seed),
    run_id: options.run.id,
    trace_id: options.run.trace_id,
    session_id: options.run.session_id,
    key: options.key,
    score: options.score,
    value: null,
    comment: null,
    correction: null,
    feedback_source: { type: 'model', metadata: { evaluator: 'online-judge' } },
    created_at: options.time,
    modified_at: options.time,
  };
}

function clippedScore(value: number): number {
  return Math.round(Math.min(1, Math.max(0, value)) * 100) / 100;
}

/** `20261126T120000123000Z`: the time part of a dotted order. */
function dottedTime(ms: number): string {
  return `${new Date(ms).toISOString().replace(/[-:]/g, '').replace('.', '').slice(0, 18)}000Z`;
}
