import { z } from 'zod';
import { parsePercentileAggregate } from '../stats/quantile.js';
import { alertingSchema } from './alerting-schema.js';
import { dispatchSchema } from './dispatch-schema.js';
import { predicateSchema } from './predicate-schema.js';
import { runbookSchema } from './runbook-schema.js';
import { windowSchema } from './window-schema.js';

export const comparisonOps = ['gte', 'gt', 'lte', 'lt'] as const;
export type ComparisonOp = (typeof comparisonOps)[number];

export const plainAggregates = ['mean', 'min', 'max', 'sum', 'count', 'median'] as const;

const aggregateSchema = z
  .string()
  .refine((name) => parsePercentileAggregate(name) !== undefined || plainAggregates.includes(name as never), {
    message: `expected one of ${plainAggregates.join(', ')} or a percentile p<N> with 0 < N < 100 (p50, p95, p99.9)`,
  });

export const metricSliSchema = z.strictObject({
  metric: z.string().min(1, 'expected a field path such as `latency_ms` or `scores.accuracy`'),
  aggregate: aggregateSchema,
});

export const ratioSliSchema = z.strictObject({
  ratio: z.strictObject({ good: predicateSchema, total: predicateSchema.optional() }),
});

export const evalMetricSliSchema = z.strictObject({
  evalMetric: z.string().min(1, 'expected the name of a metric the eval summary provides'),
});

/** Picks the SLI shape by its key so errors speak about the shape the user meant, not about a union. */
export const sliSchema = dispatchSchema<SliConfig>(
  (value) =>
    value && typeof value === 'object'
      ? 'ratio' in value
        ? ratioSliSchema
        : 'evalMetric' in value
          ? evalMetricSliSchema
          : 'metric' in value
            ? metricSliSchema
            : undefined
      : undefined,
  'expected { metric, aggregate }, { ratio: { good, total? } } or { evalMetric }',
);

export const objectiveSchema = z.strictObject({
  op: z.enum(comparisonOps).optional(),
  target: z.number({ error: 'expected a number' }),
  warning: z.number({ error: 'expected a number' }).optional(),
  critical: z.number({ error: 'expected a number' }).optional(),
});

export { windowSchema } from './window-schema.js';

export const displayUnits = ['percent', 'ms', 's', 'usd', 'count', 'number'] as const;
export type DisplayUnit = (typeof displayUnits)[number];

export const sloSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9][\w.\-/]*$/, 'expected a name of letters, digits, -, _, . or /'),
  description: z.string().optional(),
  source: z.string().optional(),
  sli: sliSchema,
  objective: objectiveSchema,
  window: windowSchema.optional(),
  minSamples: z.number().int().nonnegative().optional(),
  groupBy: z.string().min(1).optional(),
  /** With groupBy: the most segments reported (worst first); the rest are merged into `(other)`. Default 50. */
  maxSegments: z.number().int().min(1).max(1000).optional(),
  labels: z.record(z.string(), z.string()).optional(),
  runbook: runbookSchema.optional(),
  unit: z.enum(displayUnits).optional(),
  /** Alert policy overrides for this SLO. */
  alerting: alertingSchema.optional(),
  /** Value SLIs with a window of a day or more: the share of 5-minute slices that must meet the objective. Default 0.99. */
  timeSliceTarget: z.number().gt(0).lte(1).optional(),
});

/** The short form teams keep in code: `{ accuracy: { target: 0.9, warning: 0.85 } }`, each an evalMetric SLO. */
export const shorthandSloSchema = objectiveSchema.extend({
  description: z.string().optional(),
  source: z.string().optional(),
  window: windowSchema.optional(),
  minSamples: z.number().int().nonnegative().optional(),
  labels: z.record(z.string(), z.string()).optional(),
  runbook: runbookSchema.optional(),
  unit: z.enum(displayUnits).optional(),
  alerting: alertingSchema.optional(),
});

export type MetricSli = z.infer<typeof metricSliSchema>;
export type RatioSli = z.infer<typeof ratioSliSchema>;
export type EvalMetricSli = z.infer<typeof evalMetricSliSchema>;
export type SliConfig = MetricSli | RatioSli | EvalMetricSli;
export type ObjectiveConfig = z.infer<typeof objectiveSchema>;
export type SloConfig = Omit<z.input<typeof sloSchema>, 'sli'> & { sli: SliConfig };
export type ShorthandSloConfig = z.input<typeof shorthandSloSchema>;
