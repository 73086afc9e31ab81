import { resolveMlflowConnection } from '../settings/resolve-mlflow-connection.js';
import { MlflowClient, type MlflowClientOptions } from './mlflow-client.js';

export type CreateMlflowClientFromEnvOptions = Omit<
  MlflowClientOptions,
  'trackingUri' | 'auth' | 'credentialSource'
> & {
  /** Overrides MLFLOW_TRACKING_URI. */
  trackingUri?: string;
};

/**
 * A client configured like the MLflow Python client, from environment variables: MLFLOW_TRACKING_URI (or
 * `databricks[://profile]` / DATABRICKS_HOST), Basic auth from MLFLOW_TRACKING_USERNAME + MLFLOW_TRACKING_PASSWORD
 * (which wins), else Bearer MLFLOW_TRACKING_TOKEN (DATABRICKS_TOKEN on Databricks); MLFLOW_HTTP_REQUEST_TIMEOUT
 * (seconds per request, default 120) and MLFLOW_HTTP_REQUEST_MAX_RETRIES (default 7).
 */
export function createMlflowClientFromEnv(
  env: Record<string, string | undefined>,
  options: CreateMlflowClientFromEnvOptions = {},
): MlflowClient {
  const { trackingUri, ...rest } = options;
  const connection = resolveMlflowConnection(env, trackingUri === undefined ? {} : { trackingUri });
  const timeoutSeconds = Number(env.MLFLOW_HTTP_REQUEST_TIMEOUT);
  const maxRetries = Number(env.MLFLOW_HTTP_REQUEST_MAX_RETRIES);
  return new MlflowClient({
    trackingUri: connection.trackingUri,
    ...(connection.auth ? { auth: connection.auth } : {}),
    ...(connection.credentialSource ? { credentialSource: connection.credentialSource } : {}),
    ...(timeoutSeconds > 0 ? { timeoutMs: timeoutSeconds * 1000 } : {}),
    ...rest,
    retry: {
      ...(Number.isInteger(maxRetries) && maxRetries >= 0 ? { maxAttempts: maxRetries + 1 } : {}),
      ...rest.retry,
    },
  });
}
