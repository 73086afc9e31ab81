import { readFile } from 'node:fs/promises';
import { UsageError } from '../usage-error.js';

/** What a step of a GitHub Actions job knows about its run, from the variables the runner sets. */
export interface GitHubActionsEnv {
  /** `GITHUB_API_URL`: https://api.github.com, or the API of a GitHub Enterprise Server. */
  apiUrl: string;
  /** `GITHUB_REPOSITORY`: owner/repo. */
  repository: string | undefined;
  /** The pull request the run is for, from the event payload at `GITHUB_EVENT_PATH`. */
  pullRequest: number | undefined;
  eventName: string;
  /** `GITHUB_STEP_SUMMARY`: the file whose Markdown the job's summary page shows. */
  summaryPath: string | undefined;
  /** The link to this run's page, for the comment's footer. */
  runUrl: string | undefined;
  /** `GITHUB_WORKSPACE`: the checkout, which comments are told apart by config path within. */
  workspace: string | undefined;
}

export async function readGitHubActionsEnv(
  env: Record<string, string | undefined>,
): Promise<GitHubActionsEnv> {
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
  const repository = env.GITHUB_REPOSITORY || undefined;
  return {
    apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
    repository,
    pullRequest: env.GITHUB_EVENT_PATH ? await pullRequestOf(env.GITHUB_EVENT_PATH) : undefined,
    eventName: env.GITHUB_EVENT_NAME ?? 'unknown',
    summaryPath: env.GITHUB_STEP_SUMMARY || undefined,
    runUrl:
      repository && env.GITHUB_RUN_ID
        ? `${server}/${repository}/actions/runs/${env.GITHUB_RUN_ID}`
        : undefined,
    workspace: env.GITHUB_WORKSPACE || undefined,
  };
}

/**
 * The pull request number of an event payload: `pull_request.number` (pull_request, pull_request_target), or the
 * issue of an `issue_comment` on a pull request.
 */
async function pullRequestOf(eventPath: string): Promise<number | undefined> {
  let event: {
    pull_request?: { number?: unknown };
    issue?: { number?: unknown; pull_request?: unknown };
  };
  try {
    event = JSON.parse(await readFile(eventPath, 'utf8'));
  } catch (error) {
    throw new UsageError(`GITHUB_EVENT_PATH: cannot read the event payload: ${(error as Error).message}`);
  }
  const number = event.pull_request?.number ?? (event.issue?.pull_request ? event.issue.number : undefined);
  return typeof number === 'number' && Number.isInteger(number) ? number : undefined;
}
