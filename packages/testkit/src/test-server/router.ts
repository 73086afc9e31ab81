/** What a router found for a request: a handler with the path's parameters, a path without that method, or nothing. */
export type RouteLookup<H> =
  | { kind: 'found'; handler: H; params: Record<string, string> }
  | { kind: 'method-not-allowed' }
  | { kind: 'not-found' };

interface Route<H> {
  pattern: string;
  regex: RegExp;
  names: string[];
  handlers: Map<string, H>;
}

/**
 * Routes by method and path pattern. A pattern is literal segments, `:name` (one segment), `:name(regex)` (one
 * segment matching the regex, which has no capturing group) and a final `*name` (the rest of the path). The first pattern that matches the path
 * decides: when it has no handler for the method, the answer is `method-not-allowed`. Parameters are URI-decoded.
 */
export class Router<H> {
  private readonly routes: Route<H>[] = [];

  on(method: string, pattern: string, handler: H): this {
    let route = this.routes.find((candidate) => candidate.pattern === pattern);
    if (!route) {
      route = { pattern, ...compilePattern(pattern), handlers: new Map() };
      this.routes.push(route);
    }
    route.handlers.set(method.toUpperCase(), handler);
    return this;
  }

  find(method: string, path: string): RouteLookup<H> {
    for (const route of this.routes) {
      const match = route.regex.exec(path);
      if (!match) continue;
      const handler = route.handlers.get(method.toUpperCase());
      if (handler === undefined) return { kind: 'method-not-allowed' };
      const params: Record<string, string> = {};
      route.names.forEach((name, index) => {
        params[name] = decodeURIComponent(match[index + 1]!);
      });
      return { kind: 'found', handler, params };
    }
    return { kind: 'not-found' };
  }
}

function compilePattern(pattern: string): { regex: RegExp; names: string[] } {
  const names: string[] = [];
  const parts = pattern.split('/').map((segment) => {
    const param = /^:(\w+)(?:\((.+)\))?$/.exec(segment);
    if (param) {
      names.push(param[1]!);
      return `(${param[2] ?? '[^/]+'})`;
    }
    const rest = /^\*(\w+)$/.exec(segment);
    if (rest) {
      names.push(rest[1]!);
      return '(.+)';
    }
    return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  });
  return { regex: new RegExp(`^${parts.join('/')}$`), names };
}
