/**
 * The cost of a call in USD from `summary.weave.costs` (present with `include_costs`): prompt plus completion cost,
 * summed over models. Undefined when the server priced no model. Costs in another unit are not added.
 */
export function callCost(costs: unknown): number | undefined {
  if (costs === null || typeof costs !== 'object') return undefined;
  let total = 0;
  let found = false;
  for (const entry of Object.values(costs as Record<string, unknown>)) {
    if (entry === null || typeof entry !== 'object') continue;
    const cost = entry as Record<string, unknown>;
    if (!isUsd(cost.prompt_token_cost_unit) || !isUsd(cost.completion_token_cost_unit)) continue;
    const prompt = finite(cost.prompt_tokens_total_cost);
    const completion = finite(cost.completion_tokens_total_cost);
    if (prompt === undefined && completion === undefined) continue;
    total += (prompt ?? 0) + (completion ?? 0);
    found = true;
  }
  return found ? total : undefined;
}

function isUsd(unit: unknown): boolean {
  return unit === undefined || unit === null || (typeof unit === 'string' && unit.toUpperCase() === 'USD');
}

function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
