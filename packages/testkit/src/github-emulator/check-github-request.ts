import type { ReceivedRequest } from '../notify-receivers/http-receiver.js';

/** GitHub's answer to a request it refuses before routing it: status and body. */
export interface Refusal {
  status: number;
  message: string;
}

/**
 * Checks what GitHub's REST API asks of every request (docs.github.com/rest/using-the-rest-api): a token in
 * `Authorization` (`Bearer` or `token`), a `User-Agent` (GitHub refuses requests without one), and a supported
 * `X-GitHub-Api-Version`. Returns the refusal GitHub would answer, and the recommendations the request missed
 * (`Accept: application/vnd.github+json`, an explicit API version), which GitHub tolerates but a test should not.
 */
export function checkGitHubRequest(
  request: ReceivedRequest,
  token: string,
): { refusal: Refusal | undefined; problems: string[] } {
  const problems: string[] = [];
  const accept = request.headers.accept ?? '';
  if (!accept.includes('application/vnd.github+json'))
    problems.push(`Accept is ${JSON.stringify(accept)}, not application/vnd.github+json`);
  const version = request.headers['x-github-api-version'];
  if (version === undefined) problems.push('no X-GitHub-Api-Version header');
  if (!request.headers['user-agent']) {
    const message =
      'Request forbidden by administrative rules. Please make sure your request has a User-Agent header';
    return { refusal: { status: 403, message }, problems: [...problems, 'no User-Agent header'] };
  }
  if (version !== undefined && version !== '2022-11-28') {
    return {
      refusal: { status: 400, message: `API version '${version}' is not supported.` },
      problems: [...problems, `unsupported API version ${version}`],
    };
  }
  const authorization = request.headers.authorization;
  if (authorization === undefined) {
    return { refusal: { status: 401, message: 'Requires authentication' }, problems };
  }
  const match = /^(?:Bearer|token) (.+)$/i.exec(authorization);
  if (match?.[1] !== token) return { refusal: { status: 401, message: 'Bad credentials' }, problems };
  return { refusal: undefined, problems };
}
