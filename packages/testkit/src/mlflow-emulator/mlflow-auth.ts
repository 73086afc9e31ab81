import { readAuthorization } from '../test-server/read-authorization.js';
import type { Reply } from '../test-server/reply.js';
import { apiErrorReply, MlflowApiError } from './emulator-error.js';

export interface MlflowEmulatorAuth {
  /** Accepted `Authorization: Bearer <token>` tokens (MLFLOW_TRACKING_TOKEN, a Databricks PAT). */
  tokens?: string[];
  /** Accepted `Authorization: Basic` users (MLFLOW_TRACKING_USERNAME / MLFLOW_TRACKING_PASSWORD). */
  users?: Array<{ username: string; password: string }>;
  /** Tokens or usernames that authenticate but may access nothing: 403 PERMISSION_DENIED. */
  forbidden?: string[];
}

/** 401 UNAUTHENTICATED without accepted credentials, 403 PERMISSION_DENIED for forbidden ones; else nothing. */
export function checkMlflowAuth(header: string | undefined, auth: MlflowEmulatorAuth): Reply | undefined {
  const credentials = readAuthorization(header);
  let principal: string | undefined;
  if (credentials?.scheme === 'bearer' && auth.tokens?.includes(credentials.token))
    principal = credentials.token;
  if (
    credentials?.scheme === 'basic' &&
    auth.users?.some(
      (user) => user.username === credentials.username && user.password === credentials.password,
    )
  )
    principal = credentials.username;
  if (principal === undefined) {
    return apiErrorReply(
      new MlflowApiError(
        'UNAUTHENTICATED',
        'You are not authenticated. Please see https://www.mlflow.org/docs/latest/auth/index.html#authenticating-to-mlflow on how to authenticate.',
      ),
    );
  }
  if (auth.forbidden?.includes(principal))
    return apiErrorReply(new MlflowApiError('PERMISSION_DENIED', 'Permission denied'));
  return undefined;
}
