import { requiredEnv, splitUrlCredentials, stripUrlCredentials } from '@slokit/adapter-utils';
import { ConfigError, type SourceContext } from '@slokit/core';
import type { LangSmithSourceConfig } from './langsmith-source-config.js';

/** Where and how to reach LangSmith, resolved once from the source config and the environment. */
export interface LangSmithConnection {
  apiKey: string;
  /** The variable the key came from, named in errors (the key itself never is). */
  apiKeyVariable: string;
  /** Without a trailing slash: `https://api.smith.langchain.com`, `https://host/api/v1`. */
  apiUrl: string;
  workspaceId: string | undefined;
  /** Base of the LangSmith UI, for links. */
  webUrl: string;
  timeoutMs: number;
}

export const defaultApiUrl = 'https://api.smith.langchain.com';
const apiKeyVariables = ['LANGSMITH_API_KEY', 'LANGCHAIN_API_KEY'] as const;

/**
 * Reads the API key (LANGSMITH_API_KEY, then LANGCHAIN_API_KEY, as the SDK does), the endpoint (config, then
 * LANGSMITH_ENDPOINT, then LANGCHAIN_ENDPOINT) and the workspace (config, then LANGSMITH_WORKSPACE_ID, then
 * LANGCHAIN_WORKSPACE_ID) from `context.env`. A missing key is a config error naming the variables.
 */
export function resolveConnection(
  name: string,
  config: LangSmithSourceConfig,
  context: SourceContext,
): LangSmithConnection {
  const env = context.env;
  const apiKey = trimQuotes(
    requiredEnv(env, apiKeyVariables, {
      purpose: `the LangSmith API key for source '${name}'`,
      path: `sources.${name}`,
      ...(context.configFile === undefined ? {} : { configFile: context.configFile }),
    }),
  );
  const apiKeyVariable = apiKeyVariables.find((variable) => (env[variable] ?? '').trim() !== '')!;
  const endpoint =
    config.endpoint ?? firstSet(env, ['LANGSMITH_ENDPOINT', 'LANGCHAIN_ENDPOINT']) ?? defaultApiUrl;
  // The API key is the credential: user-info in the endpoint is never sent, shown or linked to.
  const parsed = splitUrlCredentials(endpoint);
  if (parsed === undefined) {
    throw new ConfigError(context.configFile, [
      {
        path: `sources.${name}.endpoint`,
        message: `expected a URL such as ${defaultApiUrl} (from LANGSMITH_ENDPOINT), found ${JSON.stringify(stripUrlCredentials(endpoint))}`,
      },
    ]);
  }
  const apiUrl = parsed.url.replace(/\/+$/, '');
  return {
    apiKey,
    apiKeyVariable,
    apiUrl,
    workspaceId: config.workspaceId ?? firstSet(env, ['LANGSMITH_WORKSPACE_ID', 'LANGCHAIN_WORKSPACE_ID']),
    webUrl: stripUrlCredentials(config.webUrl ?? webUrlFor(apiUrl)).replace(/\/+$/, ''),
    timeoutMs: config.timeoutMs,
  };
}

function firstSet(env: Record<string, string | undefined>, names: string[]): string | undefined {
  for (const variable of names) {
    const value = env[variable];
    if (value !== undefined && value.trim() !== '') return trimQuotes(value);
  }
  return undefined;
}

/** As the SDK does: surrounding whitespace and one pair of quotes are not part of a value. */
function trimQuotes(value: string): string {
  return value
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .replace(/^'(.*)'$/, '$1');
}

/**
 * The UI that goes with an API URL, by the rules of the SDK's `getHostUrl`: localhost serves the UI on port 3000, a
 * self-hosted `/api/v1` or `/api` path drops it, and the cloud regions have their own hosts.
 */
export function webUrlFor(apiUrl: string): string {
  const url = new URL(apiUrl);
  if (['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) return 'http://localhost:3000';
  if (url.pathname.endsWith('/api/v1')) return apiUrl.slice(0, -'/api/v1'.length);
  const firstLabel = url.hostname.split('.')[0] ?? '';
  if (url.pathname.includes('/api') && !firstLabel.endsWith('api')) return apiUrl.replace('/api', '');
  for (const region of ['dev', 'eu', 'aws', 'apac', 'beta']) {
    if (firstLabel.includes(region)) return `https://${region}.smith.langchain.com`;
  }
  return 'https://smith.langchain.com';
}
