/** The credentials of an `Authorization` header. */
export type Authorization =
  | { scheme: 'bearer'; token: string }
  | { scheme: 'basic'; username: string; password: string };

/** Reads a `Bearer <token>` or `Basic <base64 user:password>` header; undefined for anything else. */
export function readAuthorization(header: string | undefined): Authorization | undefined {
  if (header === undefined) return undefined;
  const bearer = /^Bearer\s+(.+)$/i.exec(header);
  if (bearer) return { scheme: 'bearer', token: bearer[1]! };
  const basic = /^Basic\s+(.+)$/i.exec(header);
  if (!basic) return undefined;
  const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) return undefined;
  return { scheme: 'basic', username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
