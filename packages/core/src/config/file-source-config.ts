import { z } from 'zod';

export const fileSourceConfigSchema = z
  .strictObject({
    type: z.literal('file'),
    /** JSONL or CSV of records, relative to the config file. */
    path: z.string().min(1).optional(),
    /** Format of `path`; inferred from the extension (.jsonl, .ndjson, .json → JSONL; .csv → CSV) when absent. */
    format: z.enum(['jsonl', 'csv']).optional(),
    /** A JSON eval summary `{ "metrics": { "accuracy": 0.92 }, "samples": 200 }` for `evalMetric` SLOs. */
    summary: z.string().min(1).optional(),
    /** JSONL lines (CSV records) longer than this many bytes are skipped and reported. Default 16 MiB. */
    maxLineBytes: z
      .number()
      .int('expected a whole number of bytes')
      .positive('expected a number of bytes > 0')
      .optional(),
  })
  .refine((source) => source.path !== undefined || source.summary !== undefined, {
    message: 'expected `path` (a JSONL or CSV file of records), `summary` (a JSON eval summary), or both',
  });

export type FileSourceConfig = z.infer<typeof fileSourceConfigSchema>;
