import { HttpError } from '../http-error.js';
import { costCreateRequest, costInput, type ValidationDetail, validateShape } from '../request-shapes.js';
import { formatTimestampMicros } from '../timestamps.js';
import { uuidV7 } from '../uuid-v7.js';
import { ok, type ProjectLookup, type RequestBody, type WeaveRouter } from './weave-route.js';

/** `cost/create`: project prices per LLM id, which win over the default table from then on. */
export function addCostRoutes(router: WeaveRouter, project: ProjectLookup): void {
  router.on('POST', '/cost/create', {
    shape: costCreateRequest,
    handle: (body) => ok(createCosts(project, body as RequestBody)),
  });
}

function createCosts(project: ProjectLookup, body: RequestBody) {
  const store = project(body.project_id as string);
  const details: ValidationDetail[] = [];
  for (const [llmId, input] of Object.entries(body.costs as Record<string, unknown>)) {
    validateShape(input, costInput, ['body', 'costs', llmId], details);
  }
  if (details.length > 0) throw new HttpError(422, { detail: details });
  const ids: Array<[string, string]> = [];
  for (const [llmId, input] of Object.entries(body.costs as Record<string, Record<string, unknown>>)) {
    const id = uuidV7();
    const now = formatTimestampMicros(Date.now() * 1000);
    const list = store.costs.get(llmId) ?? [];
    list.push({
      id,
      llm_id: llmId,
      prompt_token_cost: input.prompt_token_cost as number,
      completion_token_cost: input.completion_token_cost as number,
      prompt_token_cost_unit: (input.prompt_token_cost_unit as string | undefined) ?? 'USD',
      completion_token_cost_unit: (input.completion_token_cost_unit as string | undefined) ?? 'USD',
      effective_date: typeof input.effective_date === 'string' ? input.effective_date : now,
      provider_id: (input.provider_id as string | undefined) ?? 'default',
      created_at: now,
    });
    store.costs.set(llmId, list);
    store.costsVersion++;
    ids.push([llmId, id]);
  }
  return { ids };
}
