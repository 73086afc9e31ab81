import { describeErrorBody, type HttpFailure } from '@slokit/adapter-utils';

/** What MLflow's JSON error bodies say: `{"error_code": "RESOURCE_DOES_NOT_EXIST", "message": "..."}`. */
export interface MlflowErrorBody {
  error_code: string;
  message?: string;
}

/** The error code and message of an MLflow error body; undefined for an HTML page (Flask's or a proxy's) or other. */
export function parseMlflowErrorBody(text: string | undefined): MlflowErrorBody | undefined {
  if (text === undefined) return undefined;
  try {
    const json = JSON.parse(text) as { error_code?: unknown; message?: unknown };
    if (json !== null && typeof json === 'object' && typeof json.error_code === 'string') {
      return {
        error_code: json.error_code,
        ...(typeof json.message === 'string' ? { message: json.message } : {}),
      };
    }
  } catch {
    // Not JSON.
  }
  return undefined;
}

/**
 * MLflow's wording of a failed call: the endpoint by its path, the tracking server, what the server said, and how
 * to fix it (the variables that hold the address, the credentials and the time limit).
 */
export function describeMlflowFailure(
  trackingUri: string,
  credentialSource: string | undefined,
): (failure: HttpFailure) => string | undefined {
  return (failure) => {
    const endpoint = `${failure.method} ${failure.path}`;
    switch (failure.kind) {
      case 'status':
        return describeStatus(endpoint, trackingUri, credentialSource, failure.status, failure.body);
      case 'timeout':
        return `${endpoint} timed out after ${failure.timeoutMs / 1000} s (MLFLOW_HTTP_REQUEST_TIMEOUT)`;
      case 'network':
      case 'broken-body':
        return `${endpoint} failed: ${failure.reason} (is MLFLOW_TRACKING_URI ${trackingUri} reachable?)`;
      case 'invalid-json':
        return `${endpoint} returned a truncated or invalid JSON body (${failure.bytes} bytes)`;
      case 'unexpected-body':
        return `${endpoint} returned an unexpected body: ${failure.issue}`;
      default:
        return undefined;
    }
  };
}

function describeStatus(
  endpoint: string,
  trackingUri: string,
  credentialSource: string | undefined,
  status: number,
  text: string,
): string {
  const errorBody = parseMlflowErrorBody(text);
  const code = errorBody?.error_code ? ` ${errorBody.error_code}` : '';
  const detail = errorBody?.message ?? describeErrorBody(text);
  const base = `MLflow answered ${status}${code} to ${endpoint} at ${trackingUri}${detail ? `: ${detail}` : ''}`;
  if (status === 401 || status === 403) {
    const credentials = credentialSource
      ? `check ${credentialSource}`
      : 'no credentials were sent: set MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD';
    return `${base}; ${status === 403 ? 'the credentials lack permission, ' : ''}${credentials}`;
  }
  if (status === 404 && errorBody === undefined) {
    return `MLflow has no endpoint ${endpoint} at ${trackingUri} (404): is MLFLOW_TRACKING_URI the tracking server's address, with its path prefix? Traces and assessments need MLflow 3.`;
  }
  if (status === 405)
    return `${base} (405): the server does not accept this method; is it an MLflow tracking server?`;
  return base;
}
