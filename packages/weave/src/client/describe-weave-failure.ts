import { describeErrorBody, type HttpFailure, redactSecret } from '@slokit/adapter-utils';

/**
 * The trace server's wording of a failed call: the endpoint as a full URL, what the server said (its `detail`,
 * `reason`, `message` or `error`, and `error_code`), and for 401/403 which variable holds the key (redacted).
 */
export function describeWeaveFailure(
  apiKeyVariable: string,
  apiKey: string,
): (failure: HttpFailure) => string | undefined {
  return (failure) => {
    const endpoint = `${failure.method} ${failure.url}`;
    switch (failure.kind) {
      case 'status': {
        const detail = describeErrorBody(failure.body);
        const answered = `${endpoint} answered ${failure.status}${failure.statusText ? ` ${failure.statusText}` : ''}${detail ? `: ${detail}` : ''}`;
        if (failure.status === 401)
          return `${answered} (the trace server rejected the API key in ${apiKeyVariable}, ${redactSecret(apiKey)}: check it at https://wandb.ai/authorize)`;
        if (failure.status === 403)
          return `${answered} (the key in ${apiKeyVariable}, ${redactSecret(apiKey)}, may not access this project)`;
        return answered;
      }
      case 'timeout':
        return `${endpoint}: no answer within ${failure.timeoutMs} ms`;
      case 'network':
        return `${endpoint}: request failed: ${failure.reason}`;
      case 'invalid-json':
        return `${endpoint}: the answer is not complete JSON (${failure.bytes} bytes): ${failure.reason}`;
      case 'unexpected-body':
        return `${endpoint}: unexpected answer: ${failure.issue}`;
      default:
        return undefined;
    }
  };
}
