import type { EvalRecord, TokenUsage } from './eval-record.js';
import { forbiddenKeyPath, forbiddenKeyProblem } from './forbidden-key-path.js';
import { parseDecimal } from './parse-decimal.js';
import { isForbiddenKey, safeRecordObject } from './safe-object.js';

export type NormalizedRecord = { record: EvalRecord; time: number } | { problem: string };

const successWords = new Set(['success', 'ok', 'succeeded', 'completed']);
const errorWords = new Set(['error', 'failed', 'failure', 'errored']);
const canonicalIso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** A date and time without `Z` or an offset: read as UTC, never in the host's time zone. */
const isoWithoutOffset = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;
/** Later times are a unit mistake (epoch microseconds or nanoseconds) that would never be counted. */
const latestTime = Date.UTC(3000, 0, 1);

class RecordProblem extends Error {}

/**
 * Every record gets the same fields in the same order (absent ones undefined) so that SLI field reads on millions
 * of records stay monomorphic and fast; JSON output and deep equality ignore the undefined fields.
 */
function emptyRecord(): EvalRecord {
  return {
    id: undefined,
    timestamp: undefined,
    latency_ms: undefined,
    status: undefined,
    error: undefined,
    cost_usd: undefined,
    tokens: undefined,
    scores: undefined,
    tags: undefined,
    metadata: undefined,
    source: undefined,
    url: undefined,
  };
}

/**
 * Turns a raw object (a parsed JSONL line, a CSV row with dotted headers already nested) into an EvalRecord.
 * Returns a problem instead when a known field holds something unusable: a non-numeric or negative latency, NaN,
 * an unparseable timestamp, a key that could reach a prototype (`__proto__`, `constructor`, `prototype`). Unknown
 * top-level fields are kept under `metadata`. `time` is epoch ms, NaN when absent; a time without an offset is UTC.
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
  const record = emptyRecord();
  let time = Number.NaN;
  let status: unknown;
  let extra: Record<string, unknown> | undefined;
  let metadata: Record<string, unknown> | undefined;
  for (const key in raw) {
    const value = raw[key];
    if (value === undefined || value === null || value === '') continue;
    switch (key) {
      case 'id':
        record.id = typeof value === 'string' ? value : String(value);
        break;
      case 'timestamp':
        time = parseTime(value);
        record.timestamp =
          typeof value === 'string' && canonicalIso.test(value) ? value : new Date(time).toISOString();
        break;
      case 'latency_ms':
        record.latency_ms = nonNegativeNumber(value, 'latency_ms', undefined, 'a duration in milliseconds');
        break;
      case 'status':
        status = value;
        break;
      case 'error':
        record.error = typeof value === 'string' ? value : JSON.stringify(value);
        break;
      case 'cost_usd':
        record.cost_usd = nonNegativeNumber(value, 'cost_usd', undefined, 'a cost in US dollars');
        break;
      case 'tokens':
        record.tokens = toTokens(value);
        break;
      case 'scores':
        record.scores = toScores(value);
        break;
      case 'tags':
        record.tags = toTags(value);
        break;
      case 'metadata':
        if (typeof value !== 'object' || Array.isArray(value)) {
          throw new RecordProblem(`metadata: expected an object, found ${describe(value)}`);
        }
        refuseForbiddenKeys(value, 'metadata');
        metadata = value as Record<string, unknown>;
        break;
      case 'source':
        record.source = String(value);
        break;
      case 'url':
        record.url = String(value);
        break;
      default:
        if (isForbiddenKey(key)) throw new RecordProblem(forbiddenKeyProblem(key));
        if (typeof value === 'object') refuseForbiddenKeys(value, key);
        extra ??= safeRecordObject();
        extra[key] = value;
    }
  }
  if (status !== undefined) {
    const word = String(status).toLowerCase();
    if (successWords.has(word)) record.status = 'success';
    else if (errorWords.has(word)) record.status = 'error';
    else throw new RecordProblem(`status: expected "success" or "error", found ${describe(status)}`);
  } else if (record.error !== undefined) {
    record.status = 'error';
  }
  record.metadata = extra ? { ...extra, ...metadata } : metadata;
  return { record, time };
}

function refuseForbiddenKeys(value: unknown, path: string): void {
  const found = forbiddenKeyPath(value, path);
  if (found !== undefined) throw new RecordProblem(forbiddenKeyProblem(found));
}

function parseTime(value: unknown): number {
  let time = Number.NaN;
  if (typeof value === 'string') {
    // Date.parse accepts many non-ISO forms; require something that starts like an ISO date.
    const code = value.charCodeAt(4);
    if (code === 45 /* - */ && value.charCodeAt(7) === 45) {
      time = Date.parse(isoWithoutOffset.test(value) ? `${value.replace(' ', 'T')}Z` : value);
    }
  } else if (typeof value === 'number' && Number.isFinite(value)) {
    // Epoch seconds are common in exports; anything that large is milliseconds.
    time = value < 1e11 ? value * 1000 : value;
  }
  if (Number.isNaN(time)) {
    throw new RecordProblem(
      `timestamp: expected an ISO 8601 time such as 2026-11-26T14:00:00Z, found ${describe(value)}`,
    );
  }
  if (time >= latestTime) {
    throw new RecordProblem(
      `timestamp: expected a time before the year 3000 (epoch seconds or milliseconds), found ${describe(value)}`,
    );
  }
  return time;
}

function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return parseDecimal(value);
  return Number.NaN;
}

/** `field` and `key` are joined only when reporting a problem, to keep the hot path free of string building. */
function nonNegativeNumber(value: unknown, field: string, key: string | undefined, expected: string): number {
  const number = typeof value === 'number' ? value : toNumber(value);
  if (number >= 0 && number !== Number.POSITIVE_INFINITY) return number;
  const name = key === undefined ? field : `${field}.${key}`;
  if (!Number.isFinite(number))
    throw new RecordProblem(`${name}: expected ${expected}, found ${describe(value)}`);
  throw new RecordProblem(`${name}: expected ${expected} >= 0, found ${number}`);
}

function toTokens(value: unknown): TokenUsage {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RecordProblem(`tokens: expected { prompt, completion, total }, found ${describe(value)}`);
  }
  const raw = value as Record<string, unknown>;
  const tokens: TokenUsage = { prompt: undefined, completion: undefined, total: undefined };
  if (isGiven(raw.prompt)) tokens.prompt = nonNegativeNumber(raw.prompt, 'tokens', 'prompt', 'a token count');
  if (isGiven(raw.completion)) {
    tokens.completion = nonNegativeNumber(raw.completion, 'tokens', 'completion', 'a token count');
  }
  if (isGiven(raw.total)) tokens.total = nonNegativeNumber(raw.total, 'tokens', 'total', 'a token count');
  else if (tokens.prompt !== undefined && tokens.completion !== undefined) {
    tokens.total = tokens.prompt + tokens.completion;
  }
  return tokens;
}

function isGiven(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

function toScores(value: unknown): Record<string, number | boolean> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RecordProblem(`scores: expected an object of numbers or booleans, found ${describe(value)}`);
  }
  const raw = value as Record<string, unknown>;
  let clean = true;
  for (const key in raw) {
    if (isForbiddenKey(key)) throw new RecordProblem(forbiddenKeyProblem(`scores.${key}`));
    const score = raw[key];
    if (typeof score === 'boolean' || (typeof score === 'number' && Number.isFinite(score))) continue;
    clean = false;
    break;
  }
  // Scores from JSON are usually numbers and booleans already: keep the parsed object as it is.
  if (clean) return raw as Record<string, number | boolean>;
  const scores: Record<string, number | boolean> = {};
  for (const key in raw) {
    if (isForbiddenKey(key)) throw new RecordProblem(forbiddenKeyProblem(`scores.${key}`));
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
  if (Array.isArray(value)) {
    for (const tag of value) if (typeof tag !== 'string') return value.map(String);
    return value as string[];
  }
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
