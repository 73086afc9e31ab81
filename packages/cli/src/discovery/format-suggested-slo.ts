import type { SuggestedSlo } from './suggest-slos.js';

/** A YAML scalar: plain when it cannot be read as anything else, else JSON-quoted (a JSON string is valid YAML). */
export function yamlScalar(value: string): string {
  const plain =
    /^[A-Za-z_./][\w./@-]*$/.test(value) &&
    !/^(true|false|null|yes|no|on|off)$/i.test(value) &&
    !/^\.(\d|inf$|nan$)/i.test(value);
  return plain ? value : JSON.stringify(value);
}

/** `{ metric: latency_ms, aggregate: p95 }`, `{ ratio: { good: { ... } } }` or `{ evalMetric: "..." }`. */
export function formatSli(sli: SuggestedSlo['sli']): string {
  if ('metric' in sli) return `{ metric: ${yamlScalar(sli.metric)}, aggregate: ${sli.aggregate} }`;
  if ('ratio' in sli) {
    const { field, equals } = sli.ratio.good;
    const value = typeof equals === 'boolean' ? String(equals) : yamlScalar(equals);
    return `{ ratio: { good: { field: ${yamlScalar(field)}, equals: ${value} } } }`;
  }
  return `{ evalMetric: ${JSON.stringify(sli.evalMetric)} }`;
}

export function formatObjective(objective: SuggestedSlo['objective']): string {
  return `{ ${objective.op ? `op: ${objective.op}, ` : ''}target: ${objective.target} }`;
}

/** One suggestion as a YAML flow mapping on one line, as `discover` prints it under `slos:`. */
export function formatSuggestedSloLine(slo: SuggestedSlo, source: string): string {
  const window = slo.window ? `, window: ${slo.window}` : '';
  const groupBy = slo.groupBy ? `, groupBy: ${yamlScalar(slo.groupBy)}` : '';
  return `- { name: ${yamlScalar(slo.name)}, source: ${yamlScalar(source)}, sli: ${formatSli(slo.sli)}, objective: ${formatObjective(slo.objective)}${window}${groupBy} }`;
}
