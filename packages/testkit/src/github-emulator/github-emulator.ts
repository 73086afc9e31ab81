import {
  type HttpReceiver,
  type ReceivedRequest,
  type ReceiverReply,
  startHttpReceiver,
} from '../notify-receivers/http-receiver.js';
import { checkGitHubRequest } from './check-github-request.js';
import { type IssueComment, IssueCommentStore } from './issue-comment-store.js';
import { paginate } from './paginate.js';

export interface GitHubEmulatorOptions {
  /** Default 0: a free port. */
  port?: number;
  /** The token requests must carry; default a made-up installation token. */
  token?: string;
  /** The token may only read, as the `GITHUB_TOKEN` of a pull request from a fork: writes answer 403. */
  readOnly?: boolean;
  /** Who the token acts as; default `github-actions[bot]`. */
  user?: IssueComment['user'];
  /** The clock of `created_at` and `updated_at`; default Date.now. */
  now?: () => number;
}

export interface GitHubEmulator extends HttpReceiver {
  /** The token to pass as `GITHUB_TOKEN`. */
  readonly token: string;
  /** Opens pull request `number` of `owner/repo` (an issue, to the issue comments API). */
  addPullRequest(repository: string, number: number): void;
  /** A comment someone else wrote, as `octocat` unless `user` is given. */
  addComment(repository: string, number: number, body: string, user?: IssueComment['user']): IssueComment;
  /** The comments of a pull request, oldest first. */
  comments(repository: string, number: number): IssueComment[];
  setReadOnly(readOnly: boolean): void;
  /** Every way a request strayed from what GitHub's REST API documents, however GitHub would have answered. */
  problems(): string[];
}

const defaultToken = 'ghs_slokitEmulatorToken0123456789abcdef';
const actionsBot: IssueComment['user'] = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };
const documentation = 'https://docs.github.com/rest/issues/comments';

/**
 * A local stand-in for the part of GitHub's REST API that a pull-request comment needs, on loopback: list an
 * issue's comments (`GET /repos/{owner}/{repo}/issues/{number}/comments`, paginated with `per_page`, `page` and a
 * `Link` header), create one (`POST` there) and update one (`PATCH /repos/{owner}/{repo}/issues/comments/{id}`).
 * It answers as GitHub does: 401 without the token, 403 without a User-Agent, 403 "Resource not accessible by
 * integration" to writes with a read-only token, 404 for unknown pull requests and comments, 422 without a body.
 */
export async function startGitHubEmulator(options: GitHubEmulatorOptions = {}): Promise<GitHubEmulator> {
  const token = options.token ?? defaultToken;
  const user = options.user ?? actionsBot;
  let readOnly = options.readOnly ?? false;
  let baseUrl = '';
  const store = new IssueCommentStore(() => baseUrl, options.now ?? Date.now);

  const receiver = await startHttpReceiver({
    ...(options.port === undefined ? {} : { port: options.port }),
    contentType: 'application/json; charset=utf-8',
    faultBody: (status) => ({
      body: errorBody(status, `injected ${status}`),
      contentType: 'application/json',
    }),
    handle(request) {
      const { refusal, problems } = checkGitHubRequest(request, token);
      const reply = refusal
        ? jsonReply(refusal.status, JSON.parse(errorBody(refusal.status, refusal.message)))
        : route(request, new URL(request.path, baseUrl));
      return { ...reply, problems: [...problems, ...(reply.problems ?? [])] };
    },
  });
  baseUrl = receiver.url;

  function route(request: ReceivedRequest, url: URL): ReceiverReply {
    const issue = /^\/repos\/([^/]+\/[^/]+)\/issues\/(\d+)\/comments$/.exec(url.pathname);
    if (issue && request.method === 'GET') return listComments(issue[1]!, Number(issue[2]), url);
    if (issue && request.method === 'POST') return createComment(issue[1]!, Number(issue[2]), request);
    const comment = /^\/repos\/([^/]+\/[^/]+)\/issues\/comments\/(\d+)$/.exec(url.pathname);
    if (comment && request.method === 'PATCH') return updateComment(comment[1]!, Number(comment[2]), request);
    return notFound(`no route for ${request.method} ${url.pathname}`);
  }

  function listComments(repository: string, number: number, url: URL): ReceiverReply {
    const comments = store.list(repository, number);
    if (comments === undefined) return notFound(`no pull request ${repository}#${number}`);
    const { page, link } = paginate(comments, url);
    return jsonReply(200, page, link === undefined ? {} : { link });
  }

  function createComment(repository: string, number: number, request: ReceivedRequest): ReceiverReply {
    if (!store.hasIssue(repository, number)) return notFound(`no pull request ${repository}#${number}`);
    const refused = refuseWrite(request);
    if (refused) return refused;
    return jsonReply(201, store.create(repository, number, commentBody(request)!, user), {
      location: `${baseUrl}/repos/${repository}/issues/comments`,
    });
  }

  function updateComment(repository: string, id: number, request: ReceivedRequest): ReceiverReply {
    const refused = refuseWrite(request);
    if (refused) return refused;
    const updated = store.update(repository, id, commentBody(request)!);
    return updated === undefined ? notFound(`no comment ${id} in ${repository}`) : jsonReply(200, updated);
  }

  function refuseWrite(request: ReceivedRequest): ReceiverReply | undefined {
    if (readOnly) {
      return jsonReply(403, JSON.parse(errorBody(403, 'Resource not accessible by integration')));
    }
    if (commentBody(request) === undefined) {
      return jsonReply(
        422,
        {
          message: 'Invalid request.\n\n"body" wasn\'t supplied.',
          documentation_url: documentation,
          status: '422',
        },
        {},
        ['the request has no "body" string'],
      );
    }
    return undefined;
  }

  return Object.assign(receiver, {
    token,
    addPullRequest: (repository: string, number: number) => store.addIssue(repository, number),
    addComment: (repository: string, number: number, body: string, author?: IssueComment['user']) =>
      store.create(repository, number, body, author ?? { login: 'octocat', id: 583231, type: 'User' }),
    comments: (repository: string, number: number) => [...(store.list(repository, number) ?? [])],
    setReadOnly(next: boolean) {
      readOnly = next;
    },
    problems: () =>
      receiver.requests.flatMap((request) =>
        request.problems.map((problem) => `${request.method} ${request.path}: ${problem}`),
      ),
  });
}

function commentBody(request: ReceivedRequest): string | undefined {
  const body = (request.json as { body?: unknown } | undefined)?.body;
  return typeof body === 'string' ? body : undefined;
}

function errorBody(status: number, message: string): string {
  return JSON.stringify({ message, documentation_url: documentation, status: String(status) });
}

function notFound(problem: string): ReceiverReply {
  return jsonReply(404, JSON.parse(errorBody(404, 'Not Found')), {}, [problem]);
}

function jsonReply(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  problems: string[] = [],
): ReceiverReply {
  return { status, body: JSON.stringify(body), headers, accepted: status < 300, problems };
}
