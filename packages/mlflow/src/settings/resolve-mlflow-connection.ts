import { redactSecret, requiredEnv, splitUrlCredentials, stripUrlCredentials } from '@slokit/adapter-utils';
import { ConfigError } from '@slokit/core';
import { readDatabricksProfile } from './databricks-config-file.js';

export type MlflowAuth =
  | { type: 'basic'; username: string; password: string }
  | { type: 'bearer'; token: string };

/** Where the tracking server is and how to authenticate, resolved from config and environment. */
export interface MlflowConnection {
  /** API base URL, path prefix kept, no trailing slash, no credentials: `https://mlflow.example.com/mlflow`. */
  trackingUri: string;
  auth?: MlflowAuth;
  /** Which variables the credentials came from, with the secret redacted, for error messages. */
  credentialSource?: string;
  isDatabricks: boolean;
  /** Base of the UI links (the tracking URI, or the Databricks workspace). */
  uiUrl: string;
}

export interface ResolveConnectionOptions {
  /** `trackingUri` from the source config; wins over MLFLOW_TRACKING_URI. */
  trackingUri?: string;
  configFile?: string;
  /** The config path to name in errors, e.g. `sources.prod`. */
  path?: string;
}

/**
 * Resolves the MLflow connection the way the MLflow Python client does:
 * - `MLFLOW_TRACKING_URI` (or `trackingUri`): `http(s)://host[:port][/prefix]`, `databricks` or `databricks://<profile>`;
 *   with neither but `DATABRICKS_HOST` set, Databricks.
 * - Basic auth when `MLFLOW_TRACKING_USERNAME` and `MLFLOW_TRACKING_PASSWORD` are both set (Basic wins), else
 *   `Authorization: Bearer $MLFLOW_TRACKING_TOKEN`; credentials in the URL's user-info are used as Basic last.
 * - Databricks: `DATABRICKS_HOST` + `DATABRICKS_TOKEN` (a personal access token), else the profile in
 *   `~/.databrickscfg` (`DATABRICKS_CONFIG_FILE`, `DATABRICKS_CONFIG_PROFILE`).
 * Missing variables are config errors (exit 2) that name them.
 */
export function resolveMlflowConnection(
  env: Record<string, string | undefined>,
  options: ResolveConnectionOptions = {},
): MlflowConnection {
  const where = {
    ...(options.configFile ? { configFile: options.configFile } : {}),
    path: options.path ?? '',
  };
  const set = (name: string) => {
    const value = env[name];
    return value !== undefined && value.trim() !== '' ? value.trim() : undefined;
  };
  let uri = options.trackingUri ?? set('MLFLOW_TRACKING_URI');
  if (uri === undefined && set('DATABRICKS_HOST') !== undefined) uri = 'databricks';
  if (uri === undefined) {
    requiredEnv(env, ['MLFLOW_TRACKING_URI'], {
      purpose: 'the MLflow tracking server, e.g. http://localhost:5000',
      ...where,
    });
  }
  const tracking = uri!;
  if (tracking === 'databricks' || tracking.startsWith('databricks://')) {
    return databricksConnection(env, tracking, where);
  }
  const parsed = splitUrlCredentials(tracking);
  const protocol = parsed === undefined ? undefined : new URL(parsed.url).protocol;
  if (parsed === undefined || (protocol !== 'http:' && protocol !== 'https:')) {
    throw new ConfigError(options.configFile, [
      {
        path: where.path,
        message: `MLFLOW_TRACKING_URI must be a tracking server URL (http(s)://host:port), databricks or databricks://<profile>; found '${stripUrlCredentials(tracking)}'`,
      },
    ]);
  }
  const url = new URL(parsed.url);
  const userInfo =
    parsed.username !== '' ? { username: parsed.username, password: parsed.password } : undefined;
  const trackingUri = parsed.url.replace(/\/+$/, '');
  const username = set('MLFLOW_TRACKING_USERNAME');
  const password = set('MLFLOW_TRACKING_PASSWORD');
  const token = set('MLFLOW_TRACKING_TOKEN');
  const isDatabricks = /\.(cloud\.databricks\.com|azuredatabricks\.net|gcp\.databricks\.com)$/.test(
    url.hostname,
  );
  const databricksToken = isDatabricks ? set('DATABRICKS_TOKEN') : undefined;
  const connection: MlflowConnection = {
    trackingUri,
    isDatabricks,
    uiUrl: trackingUri,
  };
  if (username !== undefined || password !== undefined) {
    if (username === undefined || password === undefined) {
      requiredEnv(env, [username === undefined ? 'MLFLOW_TRACKING_USERNAME' : 'MLFLOW_TRACKING_PASSWORD'], {
        purpose: 'Basic auth needs both MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD',
        ...where,
      });
    }
    connection.auth = { type: 'basic', username: username!, password: password! };
    connection.credentialSource = `MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD (user '${username}')`;
  } else if (token !== undefined) {
    connection.auth = { type: 'bearer', token };
    connection.credentialSource = `MLFLOW_TRACKING_TOKEN (${redactSecret(token)})`;
  } else if (databricksToken !== undefined) {
    connection.auth = { type: 'bearer', token: databricksToken };
    connection.credentialSource = `DATABRICKS_TOKEN (${redactSecret(databricksToken)})`;
  } else if (userInfo) {
    connection.auth = { type: 'basic', ...userInfo };
    connection.credentialSource = `the user-info of MLFLOW_TRACKING_URI (user '${userInfo.username}')`;
  }
  return connection;
}

function databricksConnection(
  env: Record<string, string | undefined>,
  tracking: string,
  where: { configFile?: string; path: string },
): MlflowConnection {
  const profileName =
    (tracking.startsWith('databricks://') ? tracking.slice('databricks://'.length) : '') ||
    env.DATABRICKS_CONFIG_PROFILE ||
    'DEFAULT';
  const profile = readDatabricksProfile(env, profileName);
  const hostFromEnv = env.DATABRICKS_HOST?.trim() || undefined;
  const tokenFromEnv = env.DATABRICKS_TOKEN?.trim() || undefined;
  const host =
    hostFromEnv ??
    profile?.host ??
    requiredEnv(env, ['DATABRICKS_HOST'], {
      purpose: `the Databricks workspace URL (or a host in profile [${profileName}] of ~/.databrickscfg)`,
      ...where,
    });
  const token =
    tokenFromEnv ??
    profile?.token ??
    requiredEnv(env, ['DATABRICKS_TOKEN'], {
      purpose: `a Databricks personal access token (or a token in profile [${profileName}] of ~/.databrickscfg)`,
      ...where,
    });
  const base = stripUrlCredentials(/^https?:\/\//.test(host) ? host : `https://${host}`).replace(/\/+$/, '');
  return {
    trackingUri: base,
    auth: { type: 'bearer', token },
    credentialSource:
      tokenFromEnv !== undefined
        ? `DATABRICKS_TOKEN (${redactSecret(token)})`
        : `the token of profile [${profileName}] in ~/.databrickscfg (${redactSecret(token)})`,
    isDatabricks: true,
    uiUrl: base,
  };
}

/** The `Authorization` header value for a connection's credentials. */
export function authorizationHeader(auth: MlflowAuth | undefined): string | undefined {
  if (auth === undefined) return undefined;
  if (auth.type === 'bearer') return `Bearer ${auth.token}`;
  return `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
}
