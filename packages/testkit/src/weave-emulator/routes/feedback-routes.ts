import { compileQuery, feedbackRowField, sortRows } from '../call-query.js';
import { HttpError } from '../http-error.js';
import { feedbackCreateRequest, feedbackQueryRequest } from '../request-shapes.js';
import { formatTimestampMicros } from '../timestamps.js';
import type { StoredFeedback } from '../trace-store.js';
import { uuidV7 } from '../uuid-v7.js';
import { feedbackProblem } from './feedback-rules.js';
import { ok, type ProjectLookup, pageOf, type RequestBody, type WeaveRouter } from './weave-route.js';

/** Feedback: create (with the type rules of the trace server) and query. */
export function addFeedbackRoutes(router: WeaveRouter, project: ProjectLookup): void {
  router.on('POST', '/feedback/create', {
    shape: feedbackCreateRequest,
    handle: (body) => ok(createFeedback(project, body as RequestBody)),
  });
  router.on('POST', '/feedback/query', {
    shape: feedbackQueryRequest,
    handle: (body) => ok(queryFeedback(project, body as RequestBody)),
  });
}

function createFeedback(project: ProjectLookup, body: RequestBody) {
  const projectId = body.project_id as string;
  const reason = feedbackProblem(body);
  if (reason) throw new HttpError(400, { reason });
  const createdAt = formatTimestampMicros(Date.now() * 1000);
  const feedback: StoredFeedback = {
    id: typeof body.id === 'string' ? body.id : uuidV7(),
    project_id: projectId,
    weave_ref: body.weave_ref as string,
    feedback_type: body.feedback_type as string,
    payload: body.payload as Record<string, unknown>,
    creator: (body.creator as string | null | undefined) ?? null,
    created_at: createdAt,
    wb_user_id: 'emulator-user',
    annotation_ref: (body.annotation_ref as string | null | undefined) ?? null,
    runnable_ref: (body.runnable_ref as string | null | undefined) ?? null,
    call_ref: (body.call_ref as string | null | undefined) ?? null,
    trigger_ref: (body.trigger_ref as string | null | undefined) ?? null,
  };
  project(projectId).addFeedback(feedback);
  return {
    id: feedback.id,
    created_at: createdAt,
    wb_user_id: feedback.wb_user_id,
    payload: feedback.payload,
  };
}

function queryFeedback(project: ProjectLookup, body: RequestBody): { result: unknown[] } {
  const store = project(body.project_id as string);
  let rows = store.feedback;
  if (body.query) {
    const predicate = compileQuery<StoredFeedback>(body.query, feedbackRowField);
    rows = rows.filter(predicate);
  }
  const sortBy = body.sort_by as Array<{ field: string; direction: 'asc' | 'desc' }> | null | undefined;
  if (sortBy && sortBy.length > 0) rows = sortRows(rows, sortBy, feedbackRowField);
  const fields = body.fields as string[] | null | undefined;
  return {
    result: pageOf(rows, body).map((row) => {
      if (!fields || fields.length === 0) return { ...row };
      const selected: Record<string, unknown> = {};
      for (const field of fields) selected[field] = feedbackRowField(field)(row);
      return selected;
    }),
  };
}
