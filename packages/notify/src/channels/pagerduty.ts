import type { AlertBatch, ChannelV1, SendOptions } from '@slokit/core';
import { ConfigError } from '@slokit/core';
import { z } from 'zod';
import type { ChannelFactoryOptions } from '../channel-factory.js';
import { postRequest } from '../http/post-request.js';
import { channelSecrets } from '../http/redact-secrets.js';
import { httpUrlSchema, timeoutMs, timeoutSchema } from '../settings/common-settings.js';
import { parseChannelSettings } from '../settings/parse-channel-settings.js';
import { BatchProgress } from './batch-progress.js';
import {
  defaultPagerdutySeverities,
  type PagerdutyEvent,
  type PagerdutyLevel,
  type PagerdutySeverity,
  pagerdutyEvent,
  pagerdutySeverities,
} from './pagerduty-event.js';

/** PagerDuty's Events API v2 endpoint (US service region). The EU region's is `https://events.eu.pagerduty.com/v2/enqueue`. */
export const pagerdutyEventsUrl = 'https://events.pagerduty.com/v2/enqueue';

const severitySchema = z.enum(pagerdutySeverities, {
  error: 'expected a PagerDuty severity: critical, error, warning or info',
});

export const pagerdutyChannelSettingsSchema = z.strictObject({
  type: z.literal('pagerduty').optional(),
  /** The integration key of an Events API v2 integration; default: the PAGERDUTY_ROUTING_KEY environment variable. */
  routingKey: z
    .string()
    .regex(/^\S{32}$/, 'expected the 32-character integration key of an Events API v2 integration')
    .optional(),
  /** The events endpoint; default https://events.pagerduty.com/v2/enqueue (EU: https://events.eu.pagerduty.com/v2/enqueue). */
  url: httpUrlSchema.optional(),
  /** `payload.source`, where the problem is: default `slokit`. */
  source: z.string().min(1).max(255).optional(),
  /** `payload.group`; default: the SLO's `service` label, else its `team` label. */
  group: z.string().min(1).max(255).optional(),
  /** Linked from every alert and sent as `client_url`. */
  dashboardUrl: httpUrlSchema.optional(),
  /** Level → PagerDuty severity; default page and critical → critical, ticket and warning → warning. */
  severity: z
    .strictObject({
      page: severitySchema.optional(),
      critical: severitySchema.optional(),
      ticket: severitySchema.optional(),
      warning: severitySchema.optional(),
    })
    .optional(),
  /** Starts every dedup key (`slokit:<slo>[:<segment>]`); set one per slokit deployment sharing an integration. */
  dedupKeyPrefix: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,40}$/, 'expected up to 40 letters, digits, -, _ or .')
    .optional(),
  /** Per-request timeout; default 10s. */
  timeout: timeoutSchema.optional(),
});

export type PagerdutyChannelSettings = z.input<typeof pagerdutyChannelSettingsSchema>;

/**
 * PagerDuty through the Events API v2: one request per alert event (the API takes one event per request), in the
 * batch's order. Every SLO (and segment) is one PagerDuty alert under a stable dedup key: fired, escalated,
 * de-escalated and repeated events `trigger` it with the severity of their level (a de-escalation lowers it),
 * a resolution `resolves` it. 202 is success; 429 and 5xx are retried by delivery, 400 never.
 */
export function createPagerdutyChannel(
  name: string,
  settings: PagerdutyChannelSettings,
  options: ChannelFactoryOptions = {},
): ChannelV1 {
  const parsed = parseChannelSettings(pagerdutyChannelSettingsSchema, name, settings, options.configFile);
  const env = options.env ?? process.env;
  const routingKey = parsed.routingKey ?? env.PAGERDUTY_ROUTING_KEY;
  if (routingKey === undefined || routingKey === '') {
    throw new ConfigError(options.configFile, [
      {
        path: `channels.${name}.routingKey`,
        message:
          "missing: set routingKey (the integration key of the service's Events API v2 integration) or the PAGERDUTY_ROUTING_KEY environment variable",
      },
    ]);
  }
  if (!/^\S{32}$/.test(routingKey)) {
    throw new ConfigError(options.configFile, [
      {
        path: `channels.${name}.routingKey`,
        message:
          'PAGERDUTY_ROUTING_KEY: expected the 32-character integration key of an Events API v2 integration',
      },
    ]);
  }
  const url = parsed.url ?? pagerdutyEventsUrl;
  const secrets = [...channelSecrets({ ...parsed, routingKey }), routingKey];
  const eventOptions = {
    source: parsed.source ?? 'slokit',
    ...(parsed.group ? { group: parsed.group } : {}),
    severities: { ...defaultPagerdutySeverities, ...parsed.severity } as Record<
      PagerdutyLevel,
      PagerdutySeverity
    >,
    ...(parsed.dashboardUrl ? { dashboardUrl: parsed.dashboardUrl } : {}),
    dedupKeyPrefix: parsed.dedupKeyPrefix ?? 'slokit',
  };
  const timeout = timeoutMs(parsed.timeout);
  const progress = new BatchProgress();

  const post = (event: PagerdutyEvent, signal: AbortSignal | undefined) =>
    postRequest({
      channel: name,
      endpoint: 'PagerDuty Events API',
      url,
      // routing_key first, as in PagerDuty's examples; it exists only in this request body.
      body: JSON.stringify({ routing_key: routingKey, ...event }),
      timeoutMs: timeout,
      secrets,
      ...(signal ? { signal } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });

  return {
    specificationVersion: 'v1',
    name,
    type: 'pagerduty',
    async send(batch: AlertBatch, sendOptions?: SendOptions) {
      const events = batch.events.map((event) =>
        pagerdutyEvent(event, eventOptions, batch.test ? { batchId: batch.id } : undefined),
      );
      // A test opens an `info` alert under its own key and resolves it at once: it shows up, and pages nobody.
      if (batch.test)
        for (const event of [...events]) events.push({ event_action: 'resolve', dedup_key: event.dedup_key });
      // PagerDuty takes one event per request. When a retry of this batch comes back to this channel, the events
      // PagerDuty already accepted are not sent again (a repeated trigger would only add to the alert's log).
      for (const [index, event] of events.entries()) {
        if (progress.isDone(batch.id, index)) continue;
        await post(event, sendOptions?.signal);
        progress.markDone(batch.id, index);
      }
      progress.finish(batch.id);
    },
  };
}
