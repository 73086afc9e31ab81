import type { z } from 'zod';
import { retryApiCall } from '../retry/retry-api-call.js';
import { HttpAttempt } from './http-attempt.js';
import type { HttpRequest } from './http-request.js';
import type { HttpSettings } from './http-settings.js';

export interface RequestOptions {
  signal?: AbortSignal | undefined;
  /** Safe to repeat after an ambiguous failure (a 500, a dropped connection)? Default true; creates are not. */
  idempotent?: boolean | undefined;
}

/**
 * Sends a request and returns its JSON answer validated by `schema` (lenient schemas keep fields they do not name),
 * under the one retry policy: retryable failures are tried again with backoff, honouring Retry-After, and every
 * failure ends as a redacted ApiCallError. An empty answer reads as `{}`. No redirect is ever followed.
 */
export async function requestJson<Schema extends z.ZodType>(
  request: HttpRequest,
  settings: HttpSettings,
  schema: Schema,
  options: RequestOptions = {},
): Promise<z.infer<Schema>> {
  return retryApiCall(
    async () => {
      const attempt = new HttpAttempt(request, settings, options.signal);
      const text = await attempt.readText(await attempt.send());
      return parseAnswer(attempt, text, schema);
    },
    { retry: settings.retry, signal: options.signal, idempotent: options.idempotent },
  );
}

/** Sends a request and returns its answer's bytes, under the same policy as `requestJson`. */
export async function requestBytes(
  request: HttpRequest,
  settings: HttpSettings,
  options: RequestOptions = {},
): Promise<Buffer> {
  return retryApiCall(
    async () => {
      const attempt = new HttpAttempt(request, settings, options.signal);
      return attempt.readBytes(await attempt.send());
    },
    { retry: settings.retry, signal: options.signal, idempotent: options.idempotent },
  );
}

function parseAnswer<Schema extends z.ZodType>(
  attempt: HttpAttempt,
  text: string,
  schema: Schema,
): z.infer<Schema> {
  let json: unknown;
  try {
    json = text.trim() === '' ? {} : JSON.parse(text);
  } catch (error) {
    // A body cut short by a dropped connection or a proxy: another attempt is worth it.
    throw attempt.fail(
      { kind: 'invalid-json', bytes: Buffer.byteLength(text), reason: (error as Error).message },
      error,
    );
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw attempt.fail({
    kind: 'unexpected-body',
    issue: issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid',
  });
}
