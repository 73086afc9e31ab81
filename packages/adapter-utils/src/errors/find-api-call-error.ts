import { ApiCallError } from './api-call-error.js';

/** The ApiCallError an error is, or wraps as its cause (as SDKs wrap what their fetch threw); undefined if none. */
export function findApiCallError(error: unknown): ApiCallError | undefined {
  let current = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth++) {
    if (ApiCallError.isInstance(current)) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
