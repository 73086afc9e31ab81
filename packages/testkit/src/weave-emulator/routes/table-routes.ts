import { HttpError } from '../http-error.js';
import { tableCreateRequest, tableQueryRequest } from '../request-shapes.js';
import { contentDigest } from '../trace-store.js';
import { ok, type ProjectLookup, pageOf, type RequestBody, type WeaveRouter } from './weave-route.js';

/** Tables: create (rows and the table digested by content) and query (by row digests, paged). */
export function addTableRoutes(router: WeaveRouter, project: ProjectLookup): void {
  router.on('POST', '/table/create', {
    shape: tableCreateRequest,
    handle: (body) => {
      const table = (body as { table: RequestBody }).table;
      const rows = (table.rows as Array<Record<string, unknown>>).map((val) => ({
        digest: contentDigest(val),
        val,
      }));
      const digest = contentDigest(rows.map((row) => row.digest));
      project(table.project_id as string).tables.set(digest, rows);
      return ok({ digest, row_digests: rows.map((row) => row.digest) });
    },
  });
  router.on('POST', '/table/query', {
    shape: tableQueryRequest,
    handle: (body) => {
      const request = body as RequestBody;
      const rows = project(request.project_id as string).tables.get(request.digest as string);
      if (!rows) throw new HttpError(404, { reason: `Table ${request.digest} not found` });
      const wanted = (request.filter as { row_digests?: string[] | null } | null | undefined)?.row_digests;
      let selected = rows.map((row, index) => ({ digest: row.digest, val: row.val, original_index: index }));
      if (wanted) selected = selected.filter((row) => wanted.includes(row.digest));
      return ok({ rows: pageOf(selected, request) });
    },
  });
}
