import { SlokitError } from '@slokit/core';
import { cliVersion } from '../cli-version.js';

/** A request GitHub answered with an error status, or could not be reached. The token is never in the message. */
export class GitHubApiError extends SlokitError {
  constructor(
    message: string,
    readonly status: number | null,
    options: { cause?: unknown } = {},
  ) {
    super(message, { exitCode: 3, ...options });
    this.name = 'GitHubApiError';
  }
}

export interface GitHubResponse {
  json: unknown;
  /** The URL of the next page, from the `Link` header. */
  next: string | undefined;
}

/** The requests of GitHub's REST API, with the headers it documents (docs.github.com/rest). */
export interface GitHubApi {
  request(method: 'GET' | 'POST' | 'PATCH', pathOrUrl: string, body?: unknown): Promise<GitHubResponse>;
}

const requestTimeoutMs = 30_000;

export function createGitHubApi(apiUrl: string, token: string): GitHubApi {
  return {
    async request(method, pathOrUrl, body) {
      const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${apiUrl}${pathOrUrl}`;
      const shown = `${method} ${new URL(url).pathname}`;
      // The token goes only to the API it is for, whatever a Link header says.
      if (new URL(url).origin !== new URL(apiUrl).origin) {
        throw new GitHubApiError(`${shown}: refusing to send the token to ${new URL(url).origin}`, null);
      }
      let response: Response;
      try {
        response = await fetch(url, {
          method,
          headers: {
            accept: 'application/vnd.github+json',
            authorization: `Bearer ${token}`,
            'user-agent': `slokit/${cliVersion}`,
            'x-github-api-version': '2022-11-28',
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          signal: AbortSignal.timeout(requestTimeoutMs),
        });
      } catch (error) {
        throw new GitHubApiError(`${shown}: ${(error as Error).message}`, null, { cause: error });
      }
      const text = await response.text();
      const json = parseJson(text);
      if (!response.ok) {
        const message = (json as { message?: unknown } | undefined)?.message;
        const detail = typeof message === 'string' ? message : text.slice(0, 200);
        throw new GitHubApiError(`${shown}: ${response.status} ${detail}`.trim(), response.status);
      }
      return { json, next: nextPage(response.headers.get('link')) };
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `<https://api.github.com/...&page=2>; rel="next", <...>; rel="last"` → the next page's URL. */
function nextPage(link: string | null): string | undefined {
  for (const part of link?.split(',') ?? []) {
    const match = /<([^>]+)>\s*;\s*rel="next"/.exec(part);
    if (match) return match[1];
  }
  return undefined;
}
