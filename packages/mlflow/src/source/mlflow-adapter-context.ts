import { parseSourceConfig } from '@slokit/adapter-utils';
import { type SourceContext, SourceError } from '@slokit/core';
import { MlflowClient, type MlflowClientOptions } from '../client/mlflow-client.js';
import type { Experiment } from '../client/mlflow-schemas.js';
import { type MlflowLinks, mlflowLinks } from '../mapping/mlflow-links.js';
import { defaultModelPrices, type PriceTable } from '../mapping/model-prices.js';
import { type MlflowSourceConfig, mlflowSourceConfigSchema } from '../settings/mlflow-source-config.js';
import { type MlflowConnection, resolveMlflowConnection } from '../settings/resolve-mlflow-connection.js';

/** Test and embedding hooks: a fetch to use, retry timing. */
export interface MlflowAdapterOptions {
  fetch?: typeof globalThis.fetch;
  retry?: MlflowClientOptions['retry'];
}

/** What a source and a publisher of one configured MLflow source share. */
export interface MlflowAdapterContext {
  name: string;
  config: MlflowSourceConfig;
  connection: MlflowConnection;
  client: MlflowClient;
  links: MlflowLinks;
  prices: PriceTable;
  /** Finds an experiment by name, or by id when the configured value is one; an error names the config key. */
  findExperiment(reference: string, signal?: AbortSignal): Promise<Experiment | undefined>;
}

/**
 * Validates a `type: mlflow` config block (errors name `sources.<name>.<key>` and the file, exit 2), resolves the
 * connection from the environment (missing variables are named, exit 2) and builds the client.
 */
export function createMlflowAdapterContext(
  name: string,
  rawConfig: unknown,
  context: SourceContext,
  options: MlflowAdapterOptions = {},
): MlflowAdapterContext {
  const config = parseSourceConfig(mlflowSourceConfigSchema, name, rawConfig, context);
  const connection = resolveMlflowConnection(context.env, {
    ...(config.trackingUri === undefined ? {} : { trackingUri: config.trackingUri }),
    ...(context.configFile === undefined ? {} : { configFile: context.configFile }),
    path: `sources.${name}`,
  });
  const timeoutSeconds = Number(context.env.MLFLOW_HTTP_REQUEST_TIMEOUT);
  const maxRetries = Number(context.env.MLFLOW_HTTP_REQUEST_MAX_RETRIES);
  const client = new MlflowClient({
    trackingUri: connection.trackingUri,
    ...(connection.auth ? { auth: connection.auth } : {}),
    ...(connection.credentialSource ? { credentialSource: connection.credentialSource } : {}),
    name,
    timeoutMs: config.timeoutMs ?? (timeoutSeconds > 0 ? timeoutSeconds * 1000 : 120_000),
    retry: {
      ...(Number.isInteger(maxRetries) && maxRetries >= 0 ? { maxAttempts: maxRetries + 1 } : {}),
      ...options.retry,
    },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const links = mlflowLinks(config.uiUrl ?? connection.uiUrl, connection.isDatabricks);
  const prices = { ...defaultModelPrices, ...(config.cost?.prices ?? {}) };
  return {
    name,
    config,
    connection,
    client,
    links,
    prices,
    async findExperiment(reference, signal) {
      const call = signal ? { signal } : {};
      if (/^\d+$/.test(reference)) {
        const byId = await client.getExperiment(reference, call);
        if (byId) return byId;
      }
      return client.getExperimentByName(reference, call);
    },
  };
}

/** The configured experiment, or a source error (exit 3) saying it does not exist on this server. */
export async function requireExperiment(
  adapter: MlflowAdapterContext,
  signal?: AbortSignal,
): Promise<Experiment> {
  const experiment = await adapter.findExperiment(adapter.config.experiment, signal);
  if (!experiment) {
    throw new SourceError(
      adapter.name,
      `MLflow experiment '${adapter.config.experiment}' not found at ${adapter.connection.trackingUri} (sources.${adapter.name}.experiment takes an experiment name or id)`,
    );
  }
  return experiment;
}
