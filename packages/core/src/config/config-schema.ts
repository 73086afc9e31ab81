import { z } from 'zod';
import { shorthandSloSchema, sloSchema } from '../slo/slo-schema.js';
import { fileSourceConfigSchema } from '../source/file-source-config.js';
import { dispatchSchema } from './dispatch-schema.js';

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

export const configSchema = z.strictObject({
  version: z.literal(1, { error: 'expected 1' }).optional(),
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
