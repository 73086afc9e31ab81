import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type GitHubEmulator, startGitHubEmulator } from './github-emulator.js';

const repository = 'acme/support-bot';
let github: GitHubEmulator;

beforeAll(async () => {
  github = await startGitHubEmulator({ now: () => Date.parse('2026-11-26T14:00:00Z') });
  github.addPullRequest(repository, 7);
});
afterAll(() => github.stop());
beforeEach(() => {
  github.clear();
  github.setReadOnly(false);
});

function request(
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  return fetch(`${github.url}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      accept: 'application/vnd.github+json',
      authorization: `Bearer ${github.token}`,
      'user-agent': 'slokit-test',
      'x-github-api-version': '2022-11-28',
      ...init.headers,
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
}

describe('the GitHub API stand-in', () => {
  it('creates, lists and updates issue comments as the REST API documents', async () => {
    const created = await request(`/repos/${repository}/issues/7/comments`, {
      method: 'POST',
      body: { body: 'first' },
    });
    expect(created.status).toBe(201);
    const comment = (await created.json()) as { id: number; body: string; user: { login: string } };
    expect(comment).toMatchObject({ body: 'first', user: { login: 'github-actions[bot]' } });

    const updated = await request(`/repos/${repository}/issues/comments/${comment.id}`, {
      method: 'PATCH',
      body: { body: 'second' },
    });
    expect(updated.status).toBe(200);
    expect(github.comments(repository, 7).map((item) => item.body)).toEqual(['second']);
    expect(github.problems()).toEqual([]);
  });

  it('pages a long list with per_page, page and a Link header', async () => {
    github.addPullRequest(repository, 8);
    for (let index = 0; index < 5; index++) github.addComment(repository, 8, `comment ${index}`);
    const first = await request(`/repos/${repository}/issues/8/comments?per_page=2`);
    expect(((await first.json()) as Array<{ body: string }>).map((item) => item.body)).toEqual([
      'comment 0',
      'comment 1',
    ]);
    const link = first.headers.get('link')!;
    expect(link).toContain(
      `<${github.url}/repos/${repository}/issues/8/comments?per_page=2&page=2>; rel="next"`,
    );
    expect(link).toContain('page=3>; rel="last"');
    const last = await request(`/repos/${repository}/issues/8/comments?per_page=2&page=3`);
    expect(((await last.json()) as Array<{ body: string }>).map((item) => item.body)).toEqual(['comment 4']);
    expect(last.headers.get('link')).not.toContain('rel="next"');
  });

  it('refuses what GitHub refuses', async () => {
    const path = `/repos/${repository}/issues/7/comments`;
    expect((await request(path, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await request(path, { headers: { 'user-agent': '' } })).status).toBe(403);
    expect((await request('/repos/acme/other/issues/1/comments')).status).toBe(404);
    expect((await request(path, { method: 'POST', body: {} })).status).toBe(422);
    github.setReadOnly(true);
    const readOnly = await request(path, { method: 'POST', body: { body: 'x' } });
    expect(readOnly.status).toBe(403);
    expect(await readOnly.json()).toMatchObject({ message: 'Resource not accessible by integration' });
    expect((await request(path)).status).toBe(200);
  });

  it('records requests that stray from the documented headers', async () => {
    await fetch(`${github.url}/repos/${repository}/issues/7/comments`, {
      headers: { authorization: `token ${github.token}`, 'user-agent': 'x' },
    });
    expect(github.problems()).toEqual([
      `GET /repos/${repository}/issues/7/comments: Accept is "*/*", not application/vnd.github+json`,
      `GET /repos/${repository}/issues/7/comments: no X-GitHub-Api-Version header`,
    ]);
  });
});
