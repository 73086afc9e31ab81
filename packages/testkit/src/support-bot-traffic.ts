import { generateArrivalTimes } from './arrival-times.js';
import { BackgroundErrorBursts, type BurstErrorKind, type ErrorBurst } from './background-error-bursts.js';
import type { GeneratedRecord, GeneratedScores } from './generated-record.js';
import { IsoTimestampFormatter } from './iso-timestamp-formatter.js';
import { parseIsoTime } from './parse-iso-time.js';
import { QualityDrift } from './quality-drift.js';
import { Random, type WeightedItem } from './random.js';
import { defaultSupportBotModels, type SupportBotModel } from './support-bot-model.js';
import { defaultSupportBotTenants, type SupportBotTenant } from './support-bot-tenant.js';
import type { IncidentKind, TrafficIncident } from './traffic-incident.js';

const HOUR_MS = 3_600_000;
const DEFAULT_END = '2026-11-26T14:00:00.000Z';
/** The client gives up on a request after this long; slower requests become timeout errors. */
const TIMEOUT_MS = 30_000;

/** A prompt template version, in use from `from` until the next version's `from`. */
export interface PromptVersion {
  version: string;
  from: string | Date;
}

export interface SupportBotTrafficOptions {
  /** 'slokit' unless given. Numbers seed as their decimal text. */
  seed?: string | number;
  /** 24 hours before `end` unless given. */
  start?: string | Date;
  /** Exclusive; 24 hours after `start`, or 2026-11-26T14:00:00.000Z, unless given. */
  end?: string | Date;
  /** Mean requests per minute over a day (10 unless given); the daily cycle moves the rate around it. */
  requestsPerMinute?: number;
  /** Exactly this many records between `start` and `end`, instead of a rate. */
  count?: number;
  /** Relative swing of the daily cycle in [0, 1), peaking at 15:00 UTC; 0.5 unless given. */
  dailyCycle?: number;
  models?: readonly SupportBotModel[];
  tenants?: readonly SupportBotTenant[];
  incidents?: readonly TrafficIncident[];
  /** v12 for the first 60 % of the range and v13 after it, unless given. */
  promptVersions?: readonly PromptVersion[];
  /** Share of requests that fail outside any burst or incident; 0.003 unless given. */
  errorRate?: number;
  /** Share of successful requests the online evaluators score; 0.9 unless given. */
  evaluatedShare?: number;
  /** Each record's `url` is this followed by its id. */
  traceUrlPrefix?: string;
}

type ErrorKind = BurstErrorKind | 'timeout' | 'context-length';

interface TimedIncident {
  kind: IncidentKind;
  startMs: number;
  endMs: number;
  severity: number;
  model: string | undefined;
}

interface ResolvedPromptVersion {
  version: string;
  fromMs: number;
}

const backgroundErrorKinds: readonly WeightedItem<ErrorKind>[] = [
  { value: 'timeout', weight: 0.35 },
  { value: 'upstream', weight: 0.3 },
  { value: 'rate-limit', weight: 0.2 },
  { value: 'context-length', weight: 0.15 },
];

const incidentErrorKinds: readonly WeightedItem<ErrorKind>[] = [
  { value: 'upstream', weight: 0.6 },
  { value: 'timeout', weight: 0.25 },
  { value: 'rate-limit', weight: 0.15 },
];

/**
 * Streams realistic traffic of an LLM support bot, one record per request in timestamp order.
 * The same options (seed included) always give the same records. Options are checked when called,
 * records are produced lazily as the generator is consumed.
 */
export function generateSupportBotTraffic(
  options: SupportBotTrafficOptions = {},
): Generator<GeneratedRecord> {
  const { startMs, endMs } = resolveRange(options.start, options.end);
  if (options.count !== undefined && options.requestsPerMinute !== undefined) {
    throw new RangeError('give either count or requestsPerMinute, not both');
  }
  if (options.count !== undefined && !(Number.isSafeInteger(options.count) && options.count >= 0)) {
    throw new RangeError(`count must be a non-negative integer, got ${options.count}`);
  }
  const requestsPerMinute = options.requestsPerMinute ?? 10;
  if (!(Number.isFinite(requestsPerMinute) && requestsPerMinute > 0)) {
    throw new RangeError(`requestsPerMinute must be a positive number, got ${requestsPerMinute}`);
  }
  const dailyCycle = options.dailyCycle ?? 0.5;
  if (!(dailyCycle >= 0 && dailyCycle < 1)) {
    throw new RangeError(`dailyCycle must be in [0, 1), got ${dailyCycle}`);
  }
  const models = options.models ?? defaultSupportBotModels;
  const tenants = options.tenants ?? defaultSupportBotTenants;
  if (models.length === 0) throw new RangeError('models must not be empty');
  if (tenants.length === 0) throw new RangeError('tenants must not be empty');
  const errorRate = checkShare('errorRate', options.errorRate ?? 0.003);
  const evaluatedShare = checkShare('evaluatedShare', options.evaluatedShare ?? 0.9);
  const incidents = (options.incidents ?? []).map((incident) => resolveIncident(incident, models));
  const promptVersions = resolvePromptVersions(options.promptVersions, startMs, endMs);
  const seed = String(options.seed ?? 'slokit');

  return streamRecords({
    seed,
    startMs,
    endMs,
    requestsPerMinute,
    count: options.count,
    dailyCycle,
    models,
    tenants,
    incidents,
    promptVersions,
    errorRate,
    evaluatedShare,
    traceUrlPrefix: options.traceUrlPrefix ?? 'https://smith.langchain.com/o/demo/projects/p/support-bot/r/',
  });
}

interface TrafficPlan {
  seed: string;
  startMs: number;
  endMs: number;
  requestsPerMinute: number;
  /** Overrides the rate when set. */
  count: number | undefined;
  dailyCycle: number;
  models: readonly SupportBotModel[];
  tenants: readonly SupportBotTenant[];
  incidents: readonly TimedIncident[];
  promptVersions: readonly ResolvedPromptVersion[];
  errorRate: number;
  evaluatedShare: number;
  traceUrlPrefix: string;
}

function* streamRecords(plan: TrafficPlan): Generator<GeneratedRecord> {
  // Separate streams per concern: adding an incident changes the affected records, not arrival times or drift.
  const arrivals = generateArrivalTimes({
    random: new Random(`${plan.seed}/arrivals`),
    startMs: plan.startMs,
    endMs: plan.endMs,
    dailyCycle: plan.dailyCycle,
    requestsPerMinute: plan.requestsPerMinute,
    count: plan.count,
  });
  const bursts = new BackgroundErrorBursts(
    new Random(`${plan.seed}/bursts`),
    plan.startMs,
    plan.models.map((model) => model.name),
  );
  const context: RequestContext = {
    plan,
    random: new Random(`${plan.seed}/requests`),
    drift: new QualityDrift(new Random(`${plan.seed}/drift`), plan.startMs),
    modelChoices: plan.models.map((model) => ({ value: model, weight: model.weight })),
    tenantChoices: plan.tenants.map((tenant) => ({ value: tenant, weight: tenant.weight })),
    timestamps: new IsoTimestampFormatter(),
  };
  const { promptVersions } = plan;
  let promptVersionIndex = 0;
  let sequence = 0;
  for (const timeMs of arrivals) {
    sequence++;
    context.drift.advanceTo(timeMs);
    const burst = bursts.at(timeMs);
    while (
      promptVersions[promptVersionIndex + 1] &&
      promptVersions[promptVersionIndex + 1]!.fromMs <= timeMs
    ) {
      promptVersionIndex++;
    }
    yield generateRecord(context, timeMs, sequence, burst, promptVersions[promptVersionIndex]!.version);
  }
}

/** What every request draws from: the plan, the request stream and the quality drift. */
interface RequestContext {
  plan: TrafficPlan;
  random: Random;
  drift: QualityDrift;
  modelChoices: readonly WeightedItem<SupportBotModel>[];
  tenantChoices: readonly WeightedItem<SupportBotTenant>[];
  timestamps: IsoTimestampFormatter;
}

/** How the incidents in force change a request (documented on TrafficIncident). */
interface IncidentEffects {
  helpfulnessDrop: number;
  errorProbability: number;
  latencyFactor: number;
  promptFactor: number;
}

/** One request: its model and tenant, whether and how it fails, its latency, tokens, cost and scores. */
function generateRecord(
  context: RequestContext,
  timeMs: number,
  sequence: number,
  burst: ErrorBurst | undefined,
  promptVersion: string,
): GeneratedRecord {
  const { random, plan } = context;
  const model = random.pick(context.modelChoices);
  const tenant = random.pick(context.tenantChoices);
  const effects = incidentEffects(plan.incidents, timeMs, model.name);
  const promptTokens = Math.max(
    50,
    Math.round(
      random.lognormal(Math.log(model.promptTokens.median), model.promptTokens.sigma) * effects.promptFactor,
    ),
  );
  let errorKind = drawErrorKind(random, effects, burst, model, plan.errorRate);
  let completion = { latencyMs: 0, completionTokens: 0 };
  if (errorKind === undefined) {
    completion = drawCompletion(random, model, effects.latencyFactor);
    if (completion.latencyMs >= TIMEOUT_MS) errorKind = 'timeout';
  }
  const id = `run-${String(sequence).padStart(7, '0')}`;
  const common = {
    id,
    timestamp: context.timestamps.format(timeMs),
    tags: ['production', model.name],
    metadata: {
      model: model.name,
      tenant: tenant.name,
      prompt_version: promptVersion,
      region: tenant.region,
      user_id: userId(random, tenant),
    },
    url: plan.traceUrlPrefix + id,
  };
  if (errorKind !== undefined) {
    const failure = describeFailure(errorKind, model, random);
    const sentTokens = failure.promptTokens ?? promptTokens;
    return {
      id,
      timestamp: common.timestamp,
      latency_ms: Math.max(1, Math.round(failure.latencyMs)),
      status: 'error',
      error: failure.message,
      // Failed requests are not billed, though the app counted the prompt it tried to send.
      cost_usd: 0,
      tokens: { prompt: sentTokens, completion: 0, total: sentTokens },
      tags: common.tags,
      metadata: common.metadata,
      url: common.url,
    };
  }
  const scores = judge(random, model, context.drift, effects.helpfulnessDrop, plan.evaluatedShare);
  return successRecord(common, model, promptTokens, completion, scores);
}

function incidentEffects(
  incidents: readonly TimedIncident[],
  timeMs: number,
  modelName: string,
): IncidentEffects {
  const effects = { helpfulnessDrop: 0, errorProbability: 0, latencyFactor: 1, promptFactor: 1 };
  for (const incident of incidents) {
    if (timeMs < incident.startMs || timeMs >= incident.endMs) continue;
    if (incident.model !== undefined && incident.model !== modelName) continue;
    switch (incident.kind) {
      case 'helpfulness-drop':
        effects.helpfulnessDrop = Math.max(effects.helpfulnessDrop, incident.severity);
        break;
      case 'error-burst':
        effects.errorProbability = Math.max(effects.errorProbability, 0.6 * incident.severity);
        break;
      case 'latency-spike':
        effects.latencyFactor *= 1 + 4 * incident.severity;
        break;
      case 'cost-spike':
        // A bloated prompt (say, retrieval returning far more context) costs more and is slower to read.
        effects.promptFactor *= 1 + 2 * incident.severity;
        effects.latencyFactor *= 1 + 0.3 * incident.severity;
        break;
    }
  }
  return effects;
}

/** One roll decides whether a request fails: an incident first, then a background burst, then the base rate. */
function drawErrorKind(
  random: Random,
  effects: IncidentEffects,
  burst: ErrorBurst | undefined,
  model: SupportBotModel,
  errorRate: number,
): ErrorKind | undefined {
  const burstErrorProbability =
    burst && (burst.model === undefined || burst.model === model.name) ? burst.errorProbability : 0;
  const roll = random.next();
  if (roll < effects.errorProbability) return random.pick(incidentErrorKinds);
  if (roll < burstErrorProbability) return burst!.kind;
  if (roll < errorRate) return random.pick(backgroundErrorKinds);
  return undefined;
}

/** The answer's length and how long it took, with the long tail of slow tools and retries. */
function drawCompletion(
  random: Random,
  model: SupportBotModel,
  latencyFactor: number,
): { latencyMs: number; completionTokens: number } {
  const completionTokens = Math.max(
    5,
    Math.round(random.lognormal(Math.log(model.completionTokens.median), model.completionTokens.sigma)),
  );
  let latencyMs =
    random.lognormal(Math.log(model.overheadMs.median), model.overheadMs.sigma) +
    completionTokens * model.msPerCompletionToken;
  // About 1 % of requests hit a slow tool, a retry or a cold provider region.
  if (random.chance(0.01)) latencyMs = Math.max(latencyMs, 5_000 + 15_000 * random.next() ** 2);
  return { latencyMs: Math.max(1, Math.round(latencyMs * latencyFactor)), completionTokens };
}

function successRecord(
  common: Pick<GeneratedRecord, 'id' | 'timestamp' | 'tags' | 'metadata' | 'url'>,
  model: SupportBotModel,
  promptTokens: number,
  completion: { latencyMs: number; completionTokens: number },
  scores: GeneratedScores | undefined,
): GeneratedRecord {
  const { completionTokens } = completion;
  const cost =
    (promptTokens * model.pricePer1K.prompt + completionTokens * model.pricePer1K.completion) / 1000;
  const tokens = {
    prompt: promptTokens,
    completion: completionTokens,
    total: promptTokens + completionTokens,
  };
  const { id, timestamp, tags, metadata, url } = common;
  const costUsd = Math.round(cost * 1e6) / 1e6;
  // Two literals rather than a spread: spreading costs more than generating the rest of the record.
  return scores === undefined
    ? {
        id,
        timestamp,
        latency_ms: completion.latencyMs,
        status: 'success',
        cost_usd: costUsd,
        tokens,
        tags,
        metadata,
        url,
      }
    : {
        id,
        timestamp,
        latency_ms: completion.latencyMs,
        status: 'success',
        cost_usd: costUsd,
        tokens,
        scores,
        tags,
        metadata,
        url,
      };
}

/** What the online evaluators say about a successful request, or undefined when none sampled it. */
function judge(
  random: Random,
  model: SupportBotModel,
  drift: QualityDrift,
  helpfulnessDrop: number,
  evaluatedShare: number,
): GeneratedScores | undefined {
  const correct = random.chance(model.accuracy + drift.accuracy - 0.25 * helpfulnessDrop);
  const helpfulness =
    model.helpfulness +
    drift.helpfulness -
    (correct ? 0 : 0.3) -
    0.4 * helpfulnessDrop +
    0.1 * random.normal();
  const evaluated = random.chance(evaluatedShare);
  // The toxicity checker is cheaper to skip: it samples fewer requests and almost never fires.
  const toxicityChecked = random.chance(0.3);
  const toxicity = random.chance(0.02) ? Math.round((0.05 + 0.5 * random.next() ** 2) * 100) / 100 : 0;
  if (!evaluated && !toxicityChecked) return undefined;
  const scores: GeneratedScores = {};
  if (evaluated) {
    scores.accuracy = correct;
    scores.helpfulness = Math.round(Math.min(1, Math.max(0, helpfulness)) * 100) / 100;
  }
  if (toxicityChecked) scores.toxicity = toxicity;
  return scores;
}

function describeFailure(
  kind: ErrorKind,
  model: SupportBotModel,
  random: Random,
): { message: string; latencyMs: number; promptTokens?: number } {
  switch (kind) {
    case 'timeout':
      return {
        message: `Request timed out after ${TIMEOUT_MS} ms`,
        latencyMs: TIMEOUT_MS + random.int(0, 400),
      };
    case 'rate-limit':
      return { message: '429 Too Many Requests', latencyMs: random.lognormal(Math.log(180), 0.4) };
    case 'upstream':
      return { message: 'upstream 503 Service Unavailable', latencyMs: random.lognormal(Math.log(900), 0.6) };
    case 'context-length':
      return {
        message: `context length exceeded: maximum is ${model.contextWindow} tokens`,
        latencyMs: random.lognormal(Math.log(300), 0.3),
        promptTokens: model.contextWindow + random.int(1, 40_000),
      };
  }
}

/** Skewed so that a few heavy users send most of a tenant's requests. */
function userId(random: Random, tenant: SupportBotTenant): string {
  return `${tenant.name}-u${Math.floor(tenant.users * random.next() ** 2.5)}`;
}

function resolveRange(start: string | Date | undefined, end: string | Date | undefined) {
  const endMs =
    end !== undefined
      ? toEpochMs(end, 'end')
      : start !== undefined
        ? toEpochMs(start, 'start') + 24 * HOUR_MS
        : Date.parse(DEFAULT_END);
  const startMs = start !== undefined ? toEpochMs(start, 'start') : endMs - 24 * HOUR_MS;
  if (!(startMs < endMs)) throw new RangeError('start must be before end');
  return { startMs, endMs };
}

function resolveIncident(incident: TrafficIncident, models: readonly SupportBotModel[]): TimedIncident {
  const startMs = toEpochMs(incident.start, `${incident.kind} incident start`);
  const endMs = toEpochMs(incident.end, `${incident.kind} incident end`);
  if (!(startMs < endMs)) throw new RangeError(`${incident.kind} incident: start must be before end`);
  const severity = incident.severity ?? 0.5;
  if (!(severity >= 0 && severity <= 1)) {
    throw new RangeError(`${incident.kind} incident: severity must be in [0, 1], got ${severity}`);
  }
  if (incident.model !== undefined && !models.some((model) => model.name === incident.model)) {
    throw new RangeError(`${incident.kind} incident: unknown model "${incident.model}"`);
  }
  return { kind: incident.kind, startMs, endMs, severity, model: incident.model };
}

function resolvePromptVersions(
  versions: readonly PromptVersion[] | undefined,
  startMs: number,
  endMs: number,
): ResolvedPromptVersion[] {
  if (versions === undefined) {
    const rolloutMs = Math.floor((startMs + 0.6 * (endMs - startMs)) / 60_000) * 60_000;
    return [
      { version: 'v12', fromMs: startMs },
      { version: 'v13', fromMs: rolloutMs },
    ];
  }
  if (versions.length === 0) throw new RangeError('promptVersions must not be empty');
  // Requests before the first version's start still need a version: they get the first one.
  return versions
    .map((entry) => ({
      version: entry.version,
      fromMs: toEpochMs(entry.from, `prompt version ${entry.version} from`),
    }))
    .sort((a, b) => a.fromMs - b.fromMs);
}

function checkShare(name: string, value: number): number {
  if (!(value >= 0 && value <= 1)) throw new RangeError(`${name} must be in [0, 1], got ${value}`);
  return value;
}

function toEpochMs(value: string | Date, name: string): number {
  const ms = value instanceof Date ? value.getTime() : parseIsoTime(value);
  if (Number.isNaN(ms)) {
    throw new RangeError(
      `${name}: expected an ISO 8601 date such as 2026-11-26T14:00:00Z, got ${JSON.stringify(String(value))}`,
    );
  }
  return ms;
}
