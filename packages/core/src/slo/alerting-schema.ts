import { z } from 'zod';
import { windowSchema } from './window-schema.js';

/** `for: 2` counts evaluations; `for: 10m` is a duration. */
const countOrDuration = z.union([z.number().int().min(1, 'expected at least 1 evaluation'), windowSchema], {
  error: 'expected a number of evaluations (2) or a duration (10m)',
});

export const burnRateRuleSchema = z.strictObject({
  level: z.enum(['page', 'ticket']),
  long: windowSchema,
  short: windowSchema,
  factor: z.number().positive('expected a burn-rate factor > 0'),
});

export const alertingSchema = z.strictObject({
  for: countOrDuration.optional(),
  resolveAfter: countOrDuration.optional(),
  /** A duration, or `never`. */
  pageAfter: z.union([windowSchema, z.literal('never')]).optional(),
  repeatInterval: windowSchema.optional(),
  noData: z.enum(['keep', 'ok', 'alert']).optional(),
  /** Multi-window burn-rate alerts; `false` turns them off; default: the SRE workbook's, scaled to the window. */
  burnRates: z.union([z.array(burnRateRuleSchema), z.literal(false)]).optional(),
  /** Burn-rate alerts need at least this many events (or slices) in the short window. Default 10. */
  minEvents: z.number().int().nonnegative().optional(),
});

export type AlertingConfig = z.infer<typeof alertingSchema>;
