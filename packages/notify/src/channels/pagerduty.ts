import type { AlertBatch } from '@slokit/core';
import { ConfigError } from '@slokit/core';
import { z } from 'zod';
import { type ChannelMessage, defineHttpChannel, type ResolveContext } from '../http/define-http-channel.js';
import { httpUrlSchema, timeoutSchema } from '../settings/common-settings.js';
import {
  defaultPagerdutySeverities,
  type PagerdutyEventOptions,
  type PagerdutyLevel,
  type PagerdutySeverity,
  pagerdutyEvent,
  pagerdutySeverities,
} from './pagerduty-event.js';
import {
  pagerdutyEventSelection,
  pagerdutyEventsPerBatch,
  pagerdutyOverflowEvent,
} from './pagerduty-overflow.js';

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

type ParsedSettings = z.output<typeof pagerdutyChannelSettingsSchema>;

/** The settings with the routing key the channel uses: its own, else PAGERDUTY_ROUTING_KEY. */
type ResolvedSettings = ParsedSettings & { routingKey: string };

function resolveRoutingKey(settings: ParsedSettings, context: ResolveContext): ResolvedSettings {
  const routingKey = settings.routingKey ?? context.env.PAGERDUTY_ROUTING_KEY;
  if (routingKey !== undefined && /^\S{32}$/.test(routingKey)) return { ...settings, routingKey };
  throw new ConfigError(context.configFile, [
    {
      path: `channels.${context.name}.routingKey`,
      message:
        routingKey === undefined || routingKey === ''
          ? "missing: set routingKey (the integration key of the service's Events API v2 integration) or the PAGERDUTY_ROUTING_KEY environment variable"
          : 'PAGERDUTY_ROUTING_KEY: expected the 32-character integration key of an Events API v2 integration',
    },
  ]);
}

function eventOptions(settings: ResolvedSettings): PagerdutyEventOptions {
  return {
    source: settings.source ?? 'slokit',
    ...(settings.group ? { group: settings.group } : {}),
    severities: { ...defaultPagerdutySeverities, ...settings.severity } as Record<
      PagerdutyLevel,
      PagerdutySeverity
    >,
    ...(settings.dashboardUrl ? { dashboardUrl: settings.dashboardUrl } : {}),
    dedupKeyPrefix: settings.dedupKeyPrefix ?? 'slokit',
  };
}

/**
 * The Events API v2 events of a batch, each with the routing key (it exists only in the request body): one per
 * alert event, at most `pagerdutyEventsPerBatch` in all (past it, the most severe and one overflow note).
 */
function pagerdutyMessages(batch: AlertBatch, settings: ResolvedSettings): ChannelMessage[] {
  const options = eventOptions(settings);
  const test = batch.test === true;
  // A test opens each `info` alert and resolves it at once: it shows up, and pages nobody. That is two requests each.
  const limit = test ? pagerdutyEventsPerBatch / 2 : pagerdutyEventsPerBatch;
  const { sent, omitted } = pagerdutyEventSelection(batch.events, limit);
  const events = sent.map((event) =>
    pagerdutyEvent(event, options, test ? { batchId: batch.id } : undefined),
  );
  if (omitted.length > 0) events.push(pagerdutyOverflowEvent(omitted, { ...options, at: batch.at, test }));
  if (test)
    for (const event of [...events]) events.push({ event_action: 'resolve', dedup_key: event.dedup_key });
  // routing_key first, as in PagerDuty's examples.
  return events.map((event) => ({
    key: event.dedup_key,
    body: { routing_key: settings.routingKey, ...event },
  }));
}

/**
 * PagerDuty through the Events API v2: one request per alert event (the API takes one event per request), in the
 * batch's order, at most `pagerdutyEventsPerBatch` per batch (a larger batch sends its most severe events and one
 * overflow alert saying what it left out). Every SLO (and segment) is one PagerDuty alert under a stable dedup key: fired, escalated,
 * de-escalated and repeated events `trigger` it with the severity of their level (a de-escalation lowers it),
 * a resolution `resolves` it. 202 is success; 429 and 5xx are retried by delivery, 400 never. When a retry of a
 * batch comes back to the channel, the events PagerDuty already accepted are not sent again (a repeated trigger
 * would only add to the alert's log).
 */
export const createPagerdutyChannel = defineHttpChannel({
  type: 'pagerduty',
  settingsSchema: pagerdutyChannelSettingsSchema,
  resolve: resolveRoutingKey,
  endpoints: (settings) => ({ name: 'PagerDuty Events API', url: settings.url ?? pagerdutyEventsUrl }),
  messages: pagerdutyMessages,
  headers: () => ({}),
});
