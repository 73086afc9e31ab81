import type { AlertBatch } from '@slokit/core';
import { ConfigError, parseDuration } from '@slokit/core';
import { z } from 'zod';
import {
  type ChannelMessage,
  defineHttpChannel,
  type HttpEndpoint,
  type ResolveContext,
} from '../http/define-http-channel.js';
import { headersSchema, httpUrlSchema, timeoutSchema } from '../settings/common-settings.js';
import {
  type AlertmanagerAlertOptions,
  alertmanagerAlerts,
  type PostableAlert,
} from './alertmanager-alert.js';

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
  headers: headersSchema.optional(),
  /** Per-request timeout; default 10s. */
  timeout: timeoutSchema.optional(),
});

export type AlertmanagerChannelSettings = z.input<typeof alertmanagerChannelSettingsSchema>;

type ParsedSettings = z.output<typeof alertmanagerChannelSettingsSchema>;

/** The settings with the base URLs the channel posts to: its own, else ALERTMANAGER_URL. */
type ResolvedSettings = ParsedSettings & { url: string[] };

function resolveUrls(settings: ParsedSettings, context: ResolveContext): ResolvedSettings {
  const configured = settings.url ?? context.env.ALERTMANAGER_URL;
  const bases = configured === undefined || configured === '' ? [] : [configured].flat();
  if (bases.length === 0) {
    throw new ConfigError(context.configFile, [
      {
        path: `channels.${context.name}.url`,
        message:
          "missing: set url to Alertmanager's base URL (http://alertmanager:9093) or the ALERTMANAGER_URL environment variable",
      },
    ]);
  }
  if (!bases.every((base) => httpUrlSchema.safeParse(base).success)) {
    throw new ConfigError(context.configFile, [
      { path: `channels.${context.name}.url`, message: 'ALERTMANAGER_URL: expected an http(s) URL' },
    ]);
  }
  return { ...settings, url: bases };
}

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

/** Every instance of an HA cluster, named by its host in errors when there are several. */
function alertmanagerEndpoints(settings: ResolvedSettings): HttpEndpoint[] {
  return settings.url.map(alertmanagerServer).map((server, index, servers) => ({
    name:
      servers.length === 1
        ? 'Alertmanager'
        : `Alertmanager ${index + 1} of ${servers.length} (${server.label})`,
    url: server.url,
    headers: server.headers,
  }));
}

/** Alerts per `POST /api/v2/alerts`: a batch with more is posted in parts, in order. */
export const alertmanagerAlertsPerRequest = 500;

/**
 * A batch as one `POST /api/v2/alerts` (the batch id its key), or, past `alertmanagerAlertsPerRequest` alerts,
 * several (`<batch id>-part-<index>-of-<count>`); none when no event makes an alert.
 */
function alertmanagerMessages(batch: AlertBatch, settings: ResolvedSettings): ChannelMessage[] {
  const options: AlertmanagerAlertOptions = {
    alertname: settings.alertname ?? 'SlokitSLO',
    labels: settings.labels ?? {},
    endsAfterMs: parseDuration(settings.endsAfter ?? defaultEndsAfter)!,
    ...(settings.generatorUrl ? { generatorUrl: settings.generatorUrl } : {}),
  };
  const alerts: PostableAlert[] = batch.events.flatMap((event) =>
    alertmanagerAlerts(event, options, batch.test === true),
  );
  const count = Math.ceil(alerts.length / alertmanagerAlertsPerRequest);
  if (count <= 1) return alerts.length === 0 ? [] : [{ key: batch.id, body: alerts }];
  return Array.from({ length: count }, (_, index) => ({
    key: `${batch.id}-part-${index + 1}-of-${count}`,
    body: alerts.slice(index * alertmanagerAlertsPerRequest, (index + 1) * alertmanagerAlertsPerRequest),
  }));
}

/**
 * Prometheus Alertmanager through its API v2: each batch is one `POST /api/v2/alerts` (an array; several past
 * `alertmanagerAlertsPerRequest` alerts) to every configured instance, for teams that already route, group, inhibit and silence there (Alertmanager instances do
 * not share alerts, only notification state). Firing alerts carry an explicit `endsAt` (their time plus
 * `endsAfter`); a resolution posts the alert again with `endsAt` = its time. Several instances failing make one
 * error: retryable if any may work later, dead only when all are gone. The `idempotency-key` header (the batch id)
 * is ignored by Alertmanager; a proxy or a recording receiver can drop a retried duplicate by it.
 */
export const createAlertmanagerChannel = defineHttpChannel({
  type: 'alertmanager',
  settingsSchema: alertmanagerChannelSettingsSchema,
  resolve: resolveUrls,
  endpoints: alertmanagerEndpoints,
  messages: alertmanagerMessages,
  headers: (request, settings) => ({ ...settings.headers, 'idempotency-key': request.key }),
});
