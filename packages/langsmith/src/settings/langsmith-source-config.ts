import { z } from 'zod';

const name = z.string().trim().min(1, 'expected a name');

/**
 * A `type: langsmith` source. Exactly one of `project`, `projects`, `experiment` or `dataset` says what to read;
 * the API key, endpoint and workspace come from the environment (see the README).
 */
export const langSmithSourceConfigSchema = z
  .strictObject({
    type: z.literal('langsmith'),
    /** A tracing project: its runs are production traffic. */
    project: name.optional(),
    /** Several tracing projects read as one source. */
    projects: z.array(name).min(1, 'expected at least one project').optional(),
    /** An experiment (an evaluation run): its per-example runs, and its stats as eval metrics. */
    experiment: name.optional(),
    /** A dataset: its latest experiment, as with `experiment`. */
    dataset: name.optional(),
    /** A LangSmith filter expression, passed through: `and(eq(run_type, "chain"), has(tags, "prod"))`. */
    filter: z.string().trim().min(1, 'expected a filter expression').optional(),
    /** Only root runs (traces) are records; default true. */
    rootOnly: z.boolean().default(true),
    /** The API base URL; default LANGSMITH_ENDPOINT, then LANGCHAIN_ENDPOINT, then LangSmith cloud (US). */
    endpoint: z.url({ message: 'expected a URL such as https://api.smith.langchain.com' }).optional(),
    /** The workspace for org-scoped keys; default LANGSMITH_WORKSPACE_ID, then LANGCHAIN_WORKSPACE_ID. */
    workspaceId: name.optional(),
    /** Base URL of the LangSmith UI for the links on records; derived from the endpoint when absent. */
    webUrl: z.url({ message: 'expected a URL such as https://smith.langchain.com' }).optional(),
    /** Runs per page, 1 to 1,000; default 100. */
    pageSize: z.number().int().min(1).max(1000).default(100),
    /** Time limit of one HTTP request in ms; default 30,000. Retries stay within 2 minutes in all. */
    timeoutMs: z.number().int().min(100).max(600_000).default(30_000),
  })
  .superRefine((config, context) => {
    const targets = (['project', 'projects', 'experiment', 'dataset'] as const).filter(
      (key) => config[key] !== undefined,
    );
    if (targets.length !== 1) {
      context.addIssue({
        code: 'custom',
        path: targets.length > 1 ? [targets[1]!] : [],
        message:
          targets.length === 0
            ? 'expected one of project, projects, experiment or dataset: what to read'
            : `give only one of project, projects, experiment or dataset (found ${targets.join(' and ')})`,
      });
    }
  });

export type LangSmithSourceConfig = z.infer<typeof langSmithSourceConfigSchema>;
export type LangSmithSourceConfigInput = z.input<typeof langSmithSourceConfigSchema>;
