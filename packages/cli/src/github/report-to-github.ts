import { appendFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import type { Report } from '@slokit/core';
import { renderReport } from '@slokit/render';
import type { CliIo } from '../cli-io.js';
import { cliVersion } from '../cli-version.js';
import { UsageError } from '../usage-error.js';
import { type GitHubActionsEnv, readGitHubActionsEnv } from './github-actions-env.js';
import { createGitHubApi, GitHubApiError } from './github-api.js';
import { upsertMarkedComment } from './upsert-marked-comment.js';
import { workflowCommand } from './workflow-command.js';

export interface GitHubReportOptions {
  /** Also create or update slokit's comment on the pull request. */
  comment: boolean;
  /** The config file, which tells this check's comment apart from another config's in the same pull request. */
  configFile: string;
}

/** Fails before the check runs when `--comment` cannot work: no token or no repository. */
export function assertCanComment(env: Record<string, string | undefined>): void {
  if (!env.GITHUB_TOKEN) {
    throw new UsageError('--comment: set GITHUB_TOKEN (the action passes its github-token input)');
  }
  if (!env.GITHUB_REPOSITORY) {
    throw new UsageError('--comment: GITHUB_REPOSITORY is not set; run it in a GitHub Actions job');
  }
}

/**
 * `slokit check --github`: appends the Markdown dashboard to the job summary and, with `comment`, writes it to
 * one comment on the pull request, updated on later runs. A read-only token (a pull request from a fork) leaves
 * the summary only, with a notice. Resolves to false when the comment failed for any other reason.
 */
export async function reportToGitHub(
  report: Report,
  io: CliIo,
  options: GitHubReportOptions,
): Promise<boolean> {
  const actions = await readGitHubActionsEnv(io.env);
  const markdown = renderReport(report, 'markdown');
  if (actions.summaryPath === undefined) {
    io.stderr(workflowCommand('warning', 'GITHUB_STEP_SUMMARY is not set: no job summary written'));
  } else {
    await appendFile(actions.summaryPath, `${markdown}\n`);
  }
  if (!options.comment) return true;
  if (actions.pullRequest === undefined) {
    io.stderr(
      workflowCommand(
        'notice',
        `slokit: not a pull request (event ${actions.eventName}): no comment; the dashboard is in the job summary`,
      ),
    );
    return true;
  }
  return commentOnPullRequest(markdown, io, actions, options.configFile);
}

async function commentOnPullRequest(
  markdown: string,
  io: CliIo,
  actions: GitHubActionsEnv,
  configFile: string,
): Promise<boolean> {
  const pullRequest = actions.pullRequest!;
  const shownConfig = relative(actions.workspace ?? io.cwd, resolve(io.cwd, configFile));
  const marker = `<!-- slokit-check config="${shownConfig.replace(/-->/g, '')}" -->`;
  const footer = `<sub>slokit ${cliVersion} · \`${shownConfig}\`${actions.runUrl ? ` · [run](${actions.runUrl})` : ''}</sub>`;
  const api = createGitHubApi(actions.apiUrl, io.env.GITHUB_TOKEN!);
  try {
    const result = await upsertMarkedComment(
      api,
      { repository: actions.repository!, pullRequest, marker },
      `${marker}\n${markdown}\n${footer}\n`,
    );
    const done = result.action === 'created' ? 'Commented on' : "Updated slokit's comment on";
    io.stderr(`${done} pull request #${pullRequest}${result.url ? `: ${result.url}` : ''}\n`);
    return true;
  } catch (error) {
    if (!(error instanceof GitHubApiError)) throw error;
    if (error.status === 403) {
      io.stderr(
        workflowCommand(
          'notice',
          `slokit: GitHub refused the pull request comment (${error.message}); a pull request from a fork gets a ` +
            'read-only token. The dashboard is in the job summary only.',
        ),
      );
      return true;
    }
    io.stderr(`slokit: commenting on pull request #${pullRequest} failed: ${error.message}\n`);
    return false;
  }
}
