import type { IncomingHttpHeaders } from 'node:http';
import { jsonReply, type Reply } from '../test-server/reply.js';

export interface WorkspaceAccess {
  apiKey: string;
  tenantId: string;
  /** The key is org-scoped: requests must name the workspace in `x-tenant-id`. */
  orgScopedKey: boolean;
}

/** LangSmith's auth: 401 without the API key in `x-api-key`, 403 for another workspace or a missing one. */
export function checkWorkspaceAccess(
  headers: IncomingHttpHeaders,
  access: WorkspaceAccess,
): Reply | undefined {
  const key = headers['x-api-key'];
  if (key !== access.apiKey) {
    return jsonReply(401, { detail: key === undefined ? 'Missing API key' : 'Invalid token' });
  }
  const tenant = headers['x-tenant-id'];
  if (tenant === undefined && access.orgScopedKey) {
    return jsonReply(403, {
      error: 'org_scoped_key_requires_workspace',
      detail: 'This API key is org-scoped and requires workspace specification.',
    });
  }
  if (tenant !== undefined && tenant !== access.tenantId) {
    return jsonReply(403, { detail: `No access to workspace ${String(tenant)}` });
  }
  return undefined;
}
