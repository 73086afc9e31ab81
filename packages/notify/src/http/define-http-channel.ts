import {
  type AlertBatch,
  ChannelError,
  type ChannelV1,
  type DigestBatch,
  type SendOptions,
} from '@slokit/core';
import type { z } from 'zod';
import type { ChannelFactoryOptions } from '../channel-factory.js';
import { timeoutMs } from '../settings/common-settings.js';
import { parseChannelSettings } from '../settings/parse-channel-settings.js';
import { BatchProgress } from './batch-progress.js';
import { type PostResponse, postRequest } from './post-request.js';
import { channelSecrets, redactSecrets } from './redact-secrets.js';
import type { ResponseOutcome } from './response-outcome.js';

/** Where an HTTP channel posts. */
export interface HttpEndpoint {
  /** What it is, for errors: `Slack webhook`, `Alertmanager 1 of 2 (am-1:9093)`. Never the URL. */
  name: string;
  url: string;
  /** Headers of every request to it, such as credentials taken out of its URL. */
  headers?: Record<string, string>;
}

/** One request body of a batch or a digest, and the key a receiver drops a retried duplicate by. */
export interface ChannelMessage {
  key: string;
  /** Sent as JSON. */
  body: unknown;
}

export interface HttpChannelOptions extends ChannelFactoryOptions {
  /** The clock of timestamps the channel sends (epoch ms); injectable for tests. */
  now?: () => number;
}

/** What `resolve` may read besides the settings. */
export interface ResolveContext {
  name: string;
  env: Record<string, string | undefined>;
  configFile: string | undefined;
}

/** The settings every HTTP channel has. */
interface HttpChannelSettings {
  timeout?: string | undefined;
}

/**
 * An HTTP channel, declared: its settings, where it posts, the messages of a batch (and of a digest), the headers
 * of a request and what an answer means. `defineHttpChannel` does the rest the same way for every channel.
 */
export interface HttpChannelDefinition<Schema extends z.ZodType<HttpChannelSettings>, Settings> {
  /** `ChannelV1.type`. */
  type: string;
  settingsSchema: Schema;
  /** Completes validated settings: values from the environment, checks a schema cannot make (a ConfigError). */
  resolve?: (settings: z.output<Schema>, context: ResolveContext) => Settings;
  /** One endpoint, or several that each get every message (the instances of an HA cluster). */
  endpoints: (settings: Settings) => HttpEndpoint | HttpEndpoint[];
  /** The requests a batch is sent as, in order; none sends nothing. */
  messages: (batch: AlertBatch, settings: Settings) => ChannelMessage[];
  /** The requests of a daily report; absent for a channel that sends none. */
  digestMessages?: (digest: DigestBatch, settings: Settings) => ChannelMessage[];
  /** The headers of one request. Default: `idempotency-key: <key>`. */
  headers?: (
    request: { key: string; body: string },
    settings: Settings,
    now: () => number,
  ) => Record<string, string>;
  /** What an answer means. Default: any 2xx is a delivery, another status fails as that status. */
  classify?: (response: PostResponse) => ResponseOutcome;
  /** The statuses that mean the endpoint is gone. Default: 404 and 410. */
  deadStatuses?: readonly number[];
}

/** A channel factory, `(name, settings, options) => ChannelV1`, as `createChannel` calls it. */
export type HttpChannelFactory<Schema extends z.ZodType> = (
  name: string,
  settings: z.input<Schema>,
  options?: HttpChannelOptions,
) => ChannelV1;

/**
 * Builds an HTTP channel's factory from its declaration. The factory validates the settings (a ConfigError naming
 * `channels.<name>.<field>`, never the value) and returns a ChannelV1 that posts each message of a batch to each
 * endpoint: endpoints concurrently, the messages to one endpoint in order. Every failure is a ChannelError without
 * the URL or any secret; when a batch is retried through the same channel, the requests that already went through
 * are not made again.
 */
export function defineHttpChannel<
  Schema extends z.ZodType<HttpChannelSettings>,
  Settings extends HttpChannelSettings = z.output<Schema>,
>(definition: HttpChannelDefinition<Schema, Settings>): HttpChannelFactory<Schema> {
  return (name, settings, options = {}) => {
    const parsed = parseChannelSettings(definition.settingsSchema, name, settings, options.configFile);
    const context = { name, env: options.env ?? process.env, configFile: options.configFile };
    const resolved = definition.resolve ? definition.resolve(parsed, context) : (parsed as Settings);
    const send = messageSender(definition, name, resolved, options);
    const channel: ChannelV1 = {
      specificationVersion: 'v1',
      name,
      type: definition.type,
      send: (batch: AlertBatch, sendOptions?: SendOptions) =>
        send(batch.id, definition.messages(batch, resolved), sendOptions?.signal),
    };
    const { digestMessages } = definition;
    if (digestMessages) {
      channel.sendDigest = (digest: DigestBatch, sendOptions?: SendOptions) =>
        send(digest.id, digestMessages(digest, resolved), sendOptions?.signal);
    }
    return channel;
  };
}

/** Posts the messages of one batch (or digest) to every endpoint, skipping what a previous attempt delivered. */
function messageSender<Schema extends z.ZodType<HttpChannelSettings>, Settings extends HttpChannelSettings>(
  definition: HttpChannelDefinition<Schema, Settings>,
  name: string,
  settings: Settings,
  options: HttpChannelOptions,
): (id: string, messages: ChannelMessage[], signal: AbortSignal | undefined) => Promise<void> {
  const endpoints = [definition.endpoints(settings)].flat();
  // An endpoint's own headers carry credentials (basic auth from its URL's user-info).
  const secrets = channelSecrets({
    settings,
    endpointHeaders: endpoints.map((endpoint) => endpoint.headers ?? {}),
  });
  const timeout = timeoutMs(settings.timeout);
  const now = options.now ?? Date.now;
  const headers = definition.headers ?? ((request) => ({ 'idempotency-key': request.key }));
  const progress = new BatchProgress();

  const post = (endpoint: HttpEndpoint, message: ChannelMessage, signal: AbortSignal | undefined) => {
    const body = JSON.stringify(message.body);
    return postRequest({
      channel: name,
      endpoint: endpoint.name,
      url: endpoint.url,
      body,
      headers: { ...headers({ key: message.key, body }, settings, now), ...endpoint.headers },
      timeoutMs: timeout,
      secrets,
      ...(definition.classify ? { classify: definition.classify } : {}),
      ...(definition.deadStatuses ? { deadStatuses: definition.deadStatuses } : {}),
      ...(signal ? { signal } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  };

  return async (id, messages, signal) => {
    if (messages.length === 0) return;
    const results = await Promise.allSettled(
      endpoints.map(async (endpoint, endpointIndex) => {
        for (const [messageIndex, message] of messages.entries()) {
          const request = endpointIndex * messages.length + messageIndex;
          if (progress.isDone(id, request)) continue;
          await post(endpoint, message, signal);
          progress.markDone(id, request);
        }
      }),
    );
    const failures = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
    if (failures.length === 0) {
      progress.finish(id);
      return;
    }
    if (signal?.aborted) throw signal.reason;
    if (failures.length === 1) throw failures[0];
    throw combinedFailure(name, failures, secrets);
  };
}

/** Several endpoints failed: retry if any of them may work later; dead only when every one is gone. */
function combinedFailure(
  name: string,
  failures: readonly unknown[],
  secrets: readonly string[],
): ChannelError {
  const errors = failures.map((failure) =>
    failure instanceof ChannelError
      ? failure
      : new ChannelError(name, redactSecrets(String(failure), secrets), { retryable: true }),
  );
  const delays = errors.flatMap((error) => (error.retryAfterMs === undefined ? [] : [error.retryAfterMs]));
  return new ChannelError(
    name,
    errors.map((error) => error.message.replace(`channel '${name}': `, '')).join('; '),
    {
      retryable: errors.some((error) => error.retryable),
      dead: errors.every((error) => error.dead),
      ...(delays.length === 0 ? {} : { retryAfterMs: Math.max(...delays) }),
    },
  );
}
