import type { GitHubApi } from './github-api.js';

interface IssueComment {
  id: number;
  body?: string;
  html_url?: string;
}

/**
 * Creates the pull request's comment that carries `marker`, or updates it when an earlier run made one: one
 * comment per pull request, however many runs. Reads every page of comments (100 at a time) to find it.
 */
export async function upsertMarkedComment(
  api: GitHubApi,
  target: { repository: string; pullRequest: number; marker: string },
  body: string,
): Promise<{ action: 'created' | 'updated'; url: string | undefined }> {
  const existing = await findMarkedComment(api, target);
  if (existing !== undefined) {
    const response = await api.request(
      'PATCH',
      `/repos/${target.repository}/issues/comments/${existing.id}`,
      {
        body,
      },
    );
    return { action: 'updated', url: (response.json as IssueComment | undefined)?.html_url };
  }
  const response = await api.request(
    'POST',
    `/repos/${target.repository}/issues/${target.pullRequest}/comments`,
    { body },
  );
  return { action: 'created', url: (response.json as IssueComment | undefined)?.html_url };
}

async function findMarkedComment(
  api: GitHubApi,
  target: { repository: string; pullRequest: number; marker: string },
): Promise<IssueComment | undefined> {
  let next: string | undefined =
    `/repos/${target.repository}/issues/${target.pullRequest}/comments?per_page=100`;
  while (next !== undefined) {
    const page = await api.request('GET', next);
    const comments = Array.isArray(page.json) ? (page.json as IssueComment[]) : [];
    const found = comments.find((comment) => comment.body?.includes(target.marker));
    if (found !== undefined) return found;
    next = page.next;
  }
  return undefined;
}
