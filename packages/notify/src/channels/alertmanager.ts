import type { AlertBatch, ChannelV1, SendOptions } from '@slokit/core';
import { ChannelError, ConfigError, parseDuration } from '@slokit/core';
import { z } from 'zod';
import type { ChannelFactoryOptions } from '../channel-factory.js';
import { postRequest } from '../http/post-request.js';
import { channelSecrets } from '../http/redact-secrets.js';
import { httpUrlSchema, timeoutMs, timeoutSchema } from '../settings/common-settings.js';
import { parseChannelSettings } from '../settings/parse-channel-settings.js';
import {
  type AlertmanagerAlertOptions,
  alertmanagerAlerts,
  type PostableAlert,
} from './alertmanager-alert.js';
import { BatchProgress } from './batch-progress.js';

/** A firing alert stays active this long after its last post: the default repeatInterval (4h) plus an hour. */
export const defaultEndsAfter = '5h';

const durationSchema = z.string().refine((text) => parseDuration(text) !== undefined, {
  message: 'expected a duration such as 90m, 5h or 1d',
});

export const alertmanagerChannelSettingsSchema = z.strictObject({
  type: z.literal('alertmanager').optional(),
  /**
   * Alertmanager's base URL (`http://alertmanager:9093`, with its `--web.route-prefix` if any), or a list: every
   * instance of an HA cluster gets every alert, as Prometheus does. Default: ALERTMANAGER_URL. `user:password@`
   * in the URL is sent as basic auth.
   */
  url: z.union([httpUrlSchema, z.array(httpUrlSchema).min(1, 'expected at least one URL')]).optional(),
  /** `alertname` of every alert; default `SlokitSLO`. */
  alertname: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_:.-]*$/, 'expected a name such as SlokitSLO')
    .optional(),
  /** Labels added to every alert (`env: prod`); an SLO's own labels win over them. */
  labels: z.record(z.string(), z.string()).optional(),
  /** How long a firing alert stays active after its last post; keep it above the SLOs' repeatInterval. Default 5h. */
  endsAfter: durationSchema.optional(),
  /** `generatorURL` of every alert: where it came from (your slokit dashboard). */
  generatorUrl: httpUrlSchema.optional(),
  /** Extra request headers (`Authorization: Bearer ...` for a proxy in front of Alertmanager). */
  headers: z.record(z.string(), z.string()).optional(),
  /** Per-request timeout; default 10s. */
  timeout: timeoutSchema.optional(),
});

export type AlertmanagerChannelSettings = z.input<typeof alertmanagerChannelSettingsSchema>;

interface AlertmanagerServer {
  /** `POST` target: `<base>/api/v2/alerts`, without credentials. */
  url: string;
  headers: Record<string, string>;
  /** For messages: `alertmanager:9093`, never the URL. */
  label: string;
}

/** The alerts endpoint of a base URL, with `user:password@` moved into a basic-auth header (fetch refuses it in URLs). */
export function alertmanagerServer(base: string): AlertmanagerServer {
  const url = new URL(base);
  const headers: Record<string, string> = {};
  if (url.username !== '' || url.password !== '') {
    const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    headers.authorization = `Basic ${Buffer.from(credentials).toString('base64')}`;
    url.username = '';
    url.password = '';
  }
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = path.endsWith('/api/v2/alerts') ? path : `${path}/api/v2/alerts`;
  return { url: url.href, headers, label: url.host };
}

/**
 * Prometheus Alertmanager through its API v2: each batch is one `POST /api/v2/alerts` (an array) to every
 * configured instance, for teams that already route, group, inhibit and silence there. Firing alerts carry an
 * explicit `endsAt` (their time plus `endsAfter`); a resolution posts the alert again with `endsAt` = its time.
 */
export function createAlertmanagerChannel(
  name: string,
  settings: AlertmanagerChannelSettings,
  options: ChannelFactoryOptions = {},
): ChannelV1 {
  const parsed = parseChannelSettings(alertmanagerChannelSettingsSchema, name, settings, options.configFile);
  const env = options.env ?? process.env;
  const configured = parsed.url ?? env.ALERTMANAGER_URL;
  if (
    configured === undefined ||
    configured === '' ||
    (Array.isArray(configured) && configured.length === 0)
  ) {
    throw new ConfigError(options.configFile, [
      {
        path: `channels.${name}.url`,
        message:
          "missing: set url to Alertmanager's base URL (http://alertmanager:9093) or the ALERTMANAGER_URL environment variable",
      },
    ]);
  }
  const bases = Array.isArray(configured) ? configured : [configured];
  if (!bases.every((base) => httpUrlSchema.safeParse(base).success)) {
    throw new ConfigError(options.configFile, [
      { path: `channels.${name}.url`, message: 'ALERTMANAGER_URL: expected an http(s) URL' },
    ]);
  }
  const servers = bases.map(alertmanagerServer);
  const secrets = channelSecrets({ ...parsed, url: bases });
  const alertOptions: AlertmanagerAlertOptions = {
    alertname: parsed.alertname ?? 'SlokitSLO',
    labels: parsed.labels ?? {},
    endsAfterMs: parseDuration(parsed.endsAfter ?? defaultEndsAfter)!,
    ...(parsed.generatorUrl ? { generatorUrl: parsed.generatorUrl } : {}),
  };
  const timeout = timeoutMs(parsed.timeout);
  const progress = new BatchProgress();

  const post = (
    server: AlertmanagerServer,
    index: number,
    body: string,
    batchId: string,
    signal: AbortSignal | undefined,
  ) =>
    postRequest({
      channel: name,
      endpoint:
        servers.length === 1
          ? 'Alertmanager'
          : `Alertmanager ${index + 1} of ${servers.length} (${server.label})`,
      url: server.url,
      body,
      // Alertmanager ignores it; a proxy or a recording receiver can drop a retried duplicate by it.
      headers: { ...parsed.headers, ...server.headers, 'idempotency-key': batchId },
      timeoutMs: timeout,
      secrets,
      ...(signal ? { signal } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });

  return {
    specificationVersion: 'v1',
    name,
    type: 'alertmanager',
    async send(batch: AlertBatch, sendOptions?: SendOptions) {
      const alerts: PostableAlert[] = batch.events.flatMap((event) =>
        alertmanagerAlerts(event, alertOptions, batch.test === true),
      );
      if (alerts.length === 0) return;
      const body = JSON.stringify(alerts);
      // Every instance gets the batch (Alertmanager instances do not share alerts, only notification state).
      const results = await Promise.allSettled(
        servers.map(async (server, index) => {
          if (progress.isDone(batch.id, index)) return;
          await post(server, index, body, batch.id, sendOptions?.signal);
          progress.markDone(batch.id, index);
        }),
      );
      const failures = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
      if (failures.length === 0) {
        progress.finish(batch.id);
        return;
      }
      if (sendOptions?.signal?.aborted) throw sendOptions.signal.reason;
      const errors = failures.map((failure) =>
        failure instanceof ChannelError
          ? failure
          : new ChannelError(name, String(failure), { retryable: true }),
      );
      if (errors.length === 1) throw errors[0];
      // Several instances failed: retry if any of them may work later; dead only when all are gone.
      throw new ChannelError(
        name,
        errors.map((error) => error.message.replace(`channel '${name}': `, '')).join('; '),
        {
          retryable: errors.some((error) => error.retryable),
          dead: errors.every((error) => error.dead),
          ...retryAfter(errors),
        },
      );
    },
  };
}

function retryAfter(errors: readonly ChannelError[]): { retryAfterMs?: number } {
  const delays = errors.flatMap((error) => (error.retryAfterMs === undefined ? [] : [error.retryAfterMs]));
  return delays.length === 0 ? {} : { retryAfterMs: Math.max(...delays) };
}
