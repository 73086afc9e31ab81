import { createHash } from 'node:crypto';
import { HttpError } from '../http-error.js';
import { ok, type ProjectLookup, type WeaveRouter } from './weave-route.js';

/** `file/create`: a multipart upload, stored as its size under a content digest. */
export function addFileRoutes(router: WeaveRouter, project: ProjectLookup): void {
  router.on('POST', '/file/create', {
    raw: true,
    handle: (_body, raw) => {
      const text = raw.toString('latin1');
      const projectId = /name="project_id"\r\n\r\n([^\r\n]*)/.exec(text)?.[1];
      if (!projectId) {
        throw new HttpError(422, {
          detail: [{ type: 'missing', loc: ['body', 'project_id'], msg: 'Field required' }],
        });
      }
      const digest = createHash('sha256').update(raw).digest('base64url').slice(0, 43);
      project(projectId).files.set(digest, raw.length);
      return ok({ digest });
    },
  });
}
