import { parseSourceConfig, requiredEnv } from '@slokit/adapter-utils';
import { parseDuration, type SourceContext } from '@slokit/core';
import { z } from 'zod';
import { type WeaveUrls, weaveUrls } from './weave-urls.js';

const duration = z.string().refine((text) => parseDuration(text) !== undefined, {
  message: 'expected a duration such as 30s, 5m or 1h',
});

/** The `sources.<name>` block of `type: weave`. Strict: a misspelt key is an error naming it. */
export const weaveSourceConfigSchema = z
  .strictObject({
    type: z.literal('weave'),
    /** `entity/project`, as in `weave.init('my-team/support-bot')`. */
    project: z.string().regex(/^[^/\s]+\/[^/\s]+$/, 'expected entity/project, such as my-team/support-bot'),
    /** Read evaluation runs: `latest`, `all`, or the name of an evaluation (its latest run). */
    evaluations: z.string().trim().min(1, 'expected latest, all or an evaluation name').optional(),
    /** Read the calls of these ops (names, matched across versions) as production traffic. */
    ops: z
      .array(z.string().trim().min(1, 'expected an op name'))
      .min(1, 'expected at least one op name')
      .optional(),
    /** Where a record's id comes from: your request id in `attributes.<key>` or `inputs.<key>`. Default: the call id. */
    recordId: z
      .string()
      .regex(
        /^(attributes|inputs)\.[\w-]+(\.[\w-]+)*$/,
        'expected attributes.<key> or inputs.<key>, such as attributes.request_id',
      )
      .optional(),
    /** A self-managed W&B server (`https://wandb.example.com`); the trace server is `<host>/traces`. */
    host: z
      .url({ protocol: /^https?$/, message: 'expected a URL such as https://wandb.example.com' })
      .optional(),
    /** Calls per request to /calls/stream_query. Default 1000. */
    pageSize: z.int().min(1).max(10_000).optional(),
    /** How far before a cursor a resumed read looks again for calls that arrived late. Default 1m. */
    overlap: duration.optional(),
    /** Read scorer, monitor and annotation feedback as scores (`include_feedback`). Default true. */
    feedback: z.boolean().optional(),
    /** Ask the server for costs (`include_costs`). Default true. */
    costs: z.boolean().optional(),
    /** Time limit of one request. Default 60s. */
    timeout: duration.optional(),
  })
  .superRefine((config, issue) => {
    if (config.evaluations === undefined && config.ops === undefined) {
      issue.addIssue({
        code: 'custom',
        path: [],
        message:
          'expected `ops` (the ops whose calls are production traffic) or `evaluations` (latest, all or an evaluation name)',
      });
    }
    if (config.evaluations !== undefined && config.ops !== undefined) {
      issue.addIssue({
        code: 'custom',
        path: ['ops'],
        message: 'a weave source reads either `ops` or `evaluations`: configure two sources to read both',
      });
    }
  });

export type WeaveSourceConfig = z.infer<typeof weaveSourceConfigSchema>;

export type ReadTarget =
  | { kind: 'ops'; ops: string[] }
  | { kind: 'evaluations'; selector: 'latest' | 'all' | { name: string } };

/** A validated Weave source: where to read, with which key, and how. */
export interface WeaveSettings {
  name: string;
  projectId: string;
  target: ReadTarget;
  urls: WeaveUrls;
  apiKey: string;
  apiKeyVariable: 'WANDB_API_KEY';
  /** A dotted path into a call for the record id; the call id when undefined. */
  recordId: string | undefined;
  pageSize: number;
  overlapMs: number;
  includeFeedback: boolean;
  includeCosts: boolean;
  timeoutMs: number;
}

/** Validates a `type: weave` source block and reads its environment (WANDB_API_KEY, WF_TRACE_SERVER_URL, WANDB_BASE_URL). */
export function resolveWeaveSettings(name: string, config: unknown, context: SourceContext): WeaveSettings {
  const parsed = parseSourceConfig(weaveSourceConfigSchema, name, config, context);
  const apiKey = requiredEnv(context.env, ['WANDB_API_KEY'], {
    purpose: `the W&B API key weave source '${name}' reads ${parsed.project} with; find it at https://wandb.ai/authorize`,
    ...(context.configFile === undefined ? {} : { configFile: context.configFile }),
    path: `sources.${name}`,
  });
  const evaluations = parsed.evaluations;
  const target: ReadTarget =
    parsed.ops !== undefined
      ? { kind: 'ops', ops: parsed.ops }
      : {
          kind: 'evaluations',
          selector: evaluations === 'latest' || evaluations === 'all' ? evaluations : { name: evaluations! },
        };
  return {
    name,
    projectId: parsed.project,
    target,
    urls: weaveUrls(parsed.host, context.env),
    apiKey,
    apiKeyVariable: 'WANDB_API_KEY',
    recordId: parsed.recordId,
    pageSize: parsed.pageSize ?? 1000,
    overlapMs: parseDuration(parsed.overlap ?? '1m')!,
    includeFeedback: parsed.feedback ?? true,
    includeCosts: parsed.costs ?? true,
    timeoutMs: parseDuration(parsed.timeout ?? '60s')!,
  };
}
