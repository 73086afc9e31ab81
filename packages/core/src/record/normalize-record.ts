import type { EvalRecord, TokenUsage } from './eval-record.js';

export type NormalizedRecord = { record: EvalRecord; time: number } | { problem: string };

const knownFields = new Set([
  'id',
  'timestamp',
  'latency_ms',
  'status',
  'error',
  'cost_usd',
  'tokens',
  'scores',
  'tags',
  'metadata',
  'source',
  'url',
]);
const successWords = new Set(['success', 'ok', 'succeeded', 'completed']);
const errorWords = new Set(['error', 'failed', 'failure', 'errored']);

class RecordProblem extends Error {}

/**
 * Turns a raw object (a parsed JSONL line, a CSV row with dotted headers already nested) into an EvalRecord.
 * Returns a problem instead when a known field holds something unusable: a non-numeric or negative latency, NaN,
 * an unparseable timestamp. Unknown top-level fields are kept under `metadata`. `time` is epoch ms, NaN when absent.
 */
export function normalizeRecord(raw: unknown): NormalizedRecord {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { problem: `expected a JSON object, found ${describe(raw)}` };
  }
  try {
    return toRecord(raw as Record<string, unknown>);
  } catch (error) {
    if (error instanceof RecordProblem) return { problem: error.message };
    throw error;
  }
}

function toRecord(raw: Record<string, unknown>): { record: EvalRecord; time: number } {
  const record: EvalRecord = {};
  let time = Number.NaN;
  let extra: Record<string, unknown> | undefined;
  for (const key in raw) {
    const value = raw[key];
    if (value === undefined || value === null || value === '') continue;
    if (!knownFields.has(key)) {
      extra ??= {};
      extra[key] = value;
    }
  }
  const id = raw.id;
  if (isGiven(id)) record.id = typeof id === 'string' ? id : String(id);

  const timestamp = raw.timestamp;
  if (isGiven(timestamp)) {
    time = parseTime(timestamp);
    record.timestamp = new Date(time).toISOString();
  }
  const latency = raw.latency_ms;
  if (isGiven(latency))
    record.latency_ms = nonNegativeNumber(latency, 'latency_ms', 'a duration in milliseconds');

  const status = raw.status;
  const error = raw.error;
  if (isGiven(error)) record.error = typeof error === 'string' ? error : JSON.stringify(error);
  if (isGiven(status)) {
    const word = String(status).toLowerCase();
    if (successWords.has(word)) record.status = 'success';
    else if (errorWords.has(word)) record.status = 'error';
    else throw new RecordProblem(`status: expected "success" or "error", found ${describe(status)}`);
  } else if (record.error !== undefined) {
    record.status = 'error';
  }

  const cost = raw.cost_usd;
  if (isGiven(cost)) record.cost_usd = nonNegativeNumber(cost, 'cost_usd', 'a cost in US dollars');

  const tokens = raw.tokens;
  if (isGiven(tokens)) record.tokens = toTokens(tokens);

  const scores = raw.scores;
  if (isGiven(scores)) record.scores = toScores(scores);

  const tags = raw.tags;
  if (isGiven(tags)) record.tags = toTags(tags);

  const metadata = raw.metadata;
  if (isGiven(metadata)) {
    if (typeof metadata !== 'object' || Array.isArray(metadata)) {
      throw new RecordProblem(`metadata: expected an object, found ${describe(metadata)}`);
    }
    record.metadata = metadata as Record<string, unknown>;
  }
  if (extra) record.metadata = { ...extra, ...record.metadata };

  if (isGiven(raw.source)) record.source = String(raw.source);
  if (isGiven(raw.url)) record.url = String(raw.url);
  return { record, time };
}

function isGiven(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

function parseTime(value: unknown): number {
  let time = Number.NaN;
  if (typeof value === 'string') {
    // Date.parse accepts many non-ISO forms; require something that starts like an ISO date.
    time = /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : Number.NaN;
  } else if (typeof value === 'number' && Number.isFinite(value)) {
    // Epoch seconds are common in exports; anything that large is milliseconds.
    time = value < 1e11 ? value * 1000 : value;
  }
  if (Number.isNaN(time)) {
    throw new RecordProblem(
      `timestamp: expected an ISO 8601 time such as 2026-11-26T14:00:00Z, found ${describe(value)}`,
    );
  }
  return time;
}

function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  return Number.NaN;
}

function nonNegativeNumber(value: unknown, field: string, expected: string): number {
  const number = toNumber(value);
  if (!Number.isFinite(number))
    throw new RecordProblem(`${field}: expected ${expected}, found ${describe(value)}`);
  if (number < 0) throw new RecordProblem(`${field}: expected ${expected} >= 0, found ${number}`);
  return number;
}

function toTokens(value: unknown): TokenUsage {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RecordProblem(`tokens: expected { prompt, completion, total }, found ${describe(value)}`);
  }
  const raw = value as Record<string, unknown>;
  const tokens: TokenUsage = {};
  for (const key of ['prompt', 'completion', 'total'] as const) {
    if (isGiven(raw[key])) tokens[key] = nonNegativeNumber(raw[key], `tokens.${key}`, 'a token count');
  }
  if (tokens.total === undefined && tokens.prompt !== undefined && tokens.completion !== undefined) {
    tokens.total = tokens.prompt + tokens.completion;
  }
  return tokens;
}

function toScores(value: unknown): Record<string, number | boolean> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RecordProblem(`scores: expected an object of numbers or booleans, found ${describe(value)}`);
  }
  const raw = value as Record<string, unknown>;
  const scores: Record<string, number | boolean> = {};
  for (const key in raw) {
    const score = raw[key];
    if (!isGiven(score)) continue;
    if (typeof score === 'boolean') scores[key] = score;
    else if (score === 'true' || score === 'false') scores[key] = score === 'true';
    else {
      const number = toNumber(score);
      if (!Number.isFinite(number)) {
        throw new RecordProblem(`scores.${key}: expected a number or a boolean, found ${describe(score)}`);
      }
      scores[key] = number;
    }
  }
  return scores;
}

function toTags(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string') {
    const text = value.trim();
    if (text.startsWith('[')) {
      try {
        const parsed: unknown = JSON.parse(text);
        if (Array.isArray(parsed)) return parsed.map(String);
      } catch {
        // Not JSON: fall through to the separated form.
      }
    }
    return text
      .split(/[;|,]/)
      .map((tag) => tag.trim())
      .filter((tag) => tag !== '');
  }
  throw new RecordProblem(`tags: expected a list of strings, found ${describe(value)}`);
}

function describe(value: unknown): string {
  if (typeof value === 'number' && Number.isNaN(value)) return 'NaN';
  const text =
    typeof value === 'string'
      ? JSON.stringify(value)
      : Array.isArray(value)
        ? 'a list'
        : typeof value === 'object' && value !== null
          ? 'an object'
          : String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
