import { HttpError } from '../http-error.js';
import { objCreateRequest, objReadRequest } from '../request-shapes.js';
import { formatTimestampMicros } from '../timestamps.js';
import { ok, type ProjectLookup, type RequestBody, type WeaveRouter } from './weave-route.js';

/** Objects: create (a version per distinct value) and read (by digest or `latest`). */
export function addObjectRoutes(router: WeaveRouter, project: ProjectLookup): void {
  router.on('POST', '/obj/create', {
    shape: objCreateRequest,
    handle: (body) => {
      const obj = (body as { obj: RequestBody }).obj;
      const stored = project(obj.project_id as string).putObject(
        obj.object_id as string,
        obj.val,
        formatTimestampMicros(Date.now() * 1000),
        (obj.builtin_object_class as string | null | undefined) ?? null,
      );
      return ok({ digest: stored.digest, object_id: stored.object_id });
    },
  });
  router.on('POST', '/obj/read', {
    shape: objReadRequest,
    handle: (body) => {
      const request = body as RequestBody;
      const versions = project(request.project_id as string).objects.get(request.object_id as string) ?? [];
      const found = versions.find(
        (version) =>
          version.digest === request.digest || (request.digest === 'latest' && version.is_latest === 1),
      );
      if (!found)
        throw new HttpError(404, { reason: `Obj ${request.object_id}:${request.digest} not found` });
      return ok({ obj: request.metadata_only === true ? { ...found, val: {} } : found });
    },
  });
}
