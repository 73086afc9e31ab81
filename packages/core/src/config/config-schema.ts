import { z } from 'zod';
import { alertingSchema } from '../slo/alerting-schema.js';
import { dispatchSchema } from '../slo/dispatch-schema.js';
import { shorthandSloSchema, sloSchema } from '../slo/slo-schema.js';
import { windowSchema } from '../slo/window-schema.js';
import { fileSourceConfigSchema } from './file-source-config.js';
import { channelConfigSchema, routeSchema } from './routing-schema.js';

/** Sources other than `file` are validated by their adapter package (@slokit/langsmith, ...). */
const adapterSourceConfigSchema = z.looseObject({
  type: z
    .string()
    .regex(/^[a-z][a-z0-9-]*$/, 'expected a source type such as file, langsmith, mlflow or weave'),
});

export const sourceConfigSchema = dispatchSchema<SourceConfig>((value) =>
  value !== null && typeof value === 'object' && (value as { type?: unknown }).type === 'file'
    ? fileSourceConfigSchema
    : adapterSourceConfigSchema,
);

const slosSchema = dispatchSchema<
  z.infer<typeof sloSchema>[] | Record<string, z.infer<typeof shorthandSloSchema>>
>(
  (value) =>
    Array.isArray(value)
      ? z.array(sloSchema)
      : value !== null && typeof value === 'object'
        ? z.record(z.string(), shorthandSloSchema)
        : undefined,
  'expected a list of SLOs, or a mapping of eval metric names to objectives',
);

export const storeConfigSchema = z
  .strictObject({
    /** SQLite file, relative to the config file. Default .slokit/state.db. */
    path: z.string().min(1).optional(),
    /** postgres://user:pass@host/db for several workers; use ${DATABASE_URL} to keep the password out of the file. */
    url: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// or postgresql:// URL')
      .optional(),
  })
  .refine((store) => !(store.path && store.url), {
    message: 'expected `path` (SQLite) or `url` (Postgres), not both',
  });

export const syncConfigSchema = z.strictObject({
  /** Re-read this much before the newest record seen, for late data (deduped by record id). Default 10m. */
  overlap: windowSchema.optional(),
  /** A source that has returned no new record for this long raises a source-health warning. Default: off. */
  staleAfter: windowSchema.optional(),
  /** A first sync reads the longest SLO window, but at most this far back. Default 30d. */
  backfill: windowSchema.optional(),
  /** Default schedule for `slokit sync` without --once/--every. */
  every: windowSchema.optional(),
});

export const maintenanceWindowSchema = z.strictObject({
  from: z.iso.datetime({ offset: true, error: 'expected an ISO 8601 time such as 2026-11-26T22:00:00Z' }),
  to: z.iso.datetime({ offset: true, error: 'expected an ISO 8601 time such as 2026-11-27T02:00:00Z' }),
  /** The SLOs it covers; all when absent. */
  slos: z.array(z.string()).optional(),
  reason: z.string().optional(),
});

export const configSchema = z.strictObject({
  version: z.literal(1, { error: 'expected 1' }).optional(),
  store: storeConfigSchema.optional(),
  sync: syncConfigSchema.optional(),
  /** Sources whose trackers get the SLO results after each sync. */
  publish: z.array(z.string()).optional(),
  /** Alert policy defaults for every SLO. */
  alerting: alertingSchema.omit({ burnRates: true }).optional(),
  maintenance: z.array(maintenanceWindowSchema).optional(),
  /** Where alerts go: settings per channel type, validated by @slokit/notify. */
  channels: z
    .record(
      z.string().regex(/^[A-Za-z0-9][\w.-]*$/, 'expected a name of letters, digits, -, _ or .'),
      channelConfigSchema,
    )
    .optional(),
  /** Which alert events go to which channels; tried in order, like Alertmanager. */
  routes: z.array(routeSchema).optional(),
  sources: z
    .record(
      z.string().regex(/^[A-Za-z0-9][\w.-]*$/, 'expected a name of letters, digits, -, _ or .'),
      sourceConfigSchema,
    )
    .refine((sources) => Object.keys(sources).length > 0, { message: 'expected at least one source' }),
  slos: slosSchema,
});

export type FileSourceConfigInput = z.input<typeof fileSourceConfigSchema>;
export type SourceConfig = FileSourceConfigInput | ({ type: string } & Record<string, unknown>);
