import { z } from 'zod';
import { refuseUrlCredentials } from './url-credentials.js';

/** A channel's settings are validated by @slokit/notify; core checks the type and the routes that name it. */
export const channelConfigSchema = z
  .looseObject({
    type: z
      .string()
      .regex(/^[a-z][a-z0-9-]*$/, 'expected a channel type such as slack, email, pagerduty, webhook'),
  })
  .superRefine(refuseUrlCredentials);

const levels = ['warning', 'ticket', 'critical', 'page'] as const;

export const routeSchema = z.strictObject({
  /** All given conditions must hold; a route without `match` matches every event (a default route). */
  match: z
    .strictObject({
      level: z.union([z.enum(levels), z.array(z.enum(levels)).min(1)]).optional(),
      slo: z.union([z.string(), z.array(z.string()).min(1)]).optional(),
      segment: z.union([z.string(), z.array(z.string()).min(1)]).optional(),
      labels: z.record(z.string(), z.string()).optional(),
    })
    .optional(),
  to: z.array(z.string().min(1)).min(1, 'expected at least one channel name'),
  /** Keep matching later routes after this one (like Alertmanager). Default false. */
  continue: z.boolean().optional(),
  /** false: do not send recovery (resolved) messages on this route. */
  resolved: z.boolean().optional(),
});

export type ChannelConfig = z.infer<typeof channelConfigSchema>;
export type RouteConfig = z.infer<typeof routeSchema>;
