/** An issue comment as GitHub's REST API returns it (the fields a client reads). */
export interface IssueComment {
  id: number;
  node_id: string;
  url: string;
  html_url: string;
  issue_url: string;
  body: string;
  user: { login: string; id: number; type: 'Bot' | 'User' };
  created_at: string;
  updated_at: string;
  author_association: string;
}

/** The pull requests (issues) of a GitHub stand-in and their comments, in creation order. */
export class IssueCommentStore {
  private readonly issues = new Map<string, IssueComment[]>();

  private readonly byId = new Map<number, { key: string; comment: IssueComment }>();

  private nextId = 1_000_001;

  constructor(
    private readonly baseUrl: () => string,
    private readonly now: () => number,
  ) {}

  addIssue(repository: string, number: number): void {
    const key = issueKey(repository, number);
    if (!this.issues.has(key)) this.issues.set(key, []);
  }

  hasIssue(repository: string, number: number): boolean {
    return this.issues.has(issueKey(repository, number));
  }

  /** The comments of an issue, oldest first; undefined when there is no such issue. */
  list(repository: string, number: number): IssueComment[] | undefined {
    return this.issues.get(issueKey(repository, number));
  }

  create(repository: string, number: number, body: string, user: IssueComment['user']): IssueComment {
    const key = issueKey(repository, number);
    const comments = this.issues.get(key);
    if (comments === undefined) throw new RangeError(`no issue ${key}`);
    const id = this.nextId++;
    const at = new Date(this.now()).toISOString();
    const comment: IssueComment = {
      id,
      node_id: `IC_kwDO${id.toString(36)}`,
      url: `${this.baseUrl()}/repos/${repository}/issues/comments/${id}`,
      html_url: `https://github.com/${repository}/pull/${number}#issuecomment-${id}`,
      issue_url: `${this.baseUrl()}/repos/${repository}/issues/${number}`,
      body,
      user,
      created_at: at,
      updated_at: at,
      author_association: user.type === 'Bot' ? 'NONE' : 'MEMBER',
    };
    comments.push(comment);
    this.byId.set(id, { key, comment });
    return comment;
  }

  /** Updates a comment of `repository`; undefined when it has none with this id. */
  update(repository: string, id: number, body: string): IssueComment | undefined {
    const found = this.byId.get(id);
    if (found === undefined || !found.key.startsWith(`${repository.toLowerCase()}#`)) return undefined;
    found.comment.body = body;
    found.comment.updated_at = new Date(this.now()).toISOString();
    return found.comment;
  }
}

/** GitHub matches owner and repository names without regard to case. */
function issueKey(repository: string, number: number): string {
  return `${repository.toLowerCase()}#${number}`;
}
