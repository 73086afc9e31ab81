import { readAuthorization } from '../test-server/read-authorization.js';
import { jsonReply, type Reply } from '../test-server/reply.js';

/** The trace server's auth: HTTP Basic with user `api` and the W&B API key as the password; 401 otherwise. */
export function checkWeaveAuth(header: string | undefined, apiKey: string): Reply | undefined {
  const credentials = readAuthorization(header);
  if (credentials?.scheme === 'basic' && credentials.username === 'api' && credentials.password === apiKey)
    return undefined;
  return jsonReply(401, {
    detail: header ? 'Invalid credentials: check your W&B API key' : 'Authentication required',
  });
}
