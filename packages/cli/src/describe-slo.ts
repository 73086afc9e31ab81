import { formatValue, type Predicate, type ResolvedSlo } from '@slokit/core';

const opWords = { gte: '≥', gt: '>', lte: '≤', lt: '<' } as const;
const breachWords = { gte: 'below', gt: 'at or below', lte: 'above', lt: 'at or above' } as const;

/** One line in words of what an SLO measures, as `slokit validate` prints it. */
export function describeSli(slo: ResolvedSlo): string {
  const sli = slo.sli;
  if (sli.kind === 'metric') return `${sli.aggregate} of ${sli.metric}`;
  if (sli.kind === 'evalMetric') return `eval metric '${sli.name}' of the latest eval summary`;
  const total = sli.total ? describePredicate(sli.total) : `${sli.good.field} is set`;
  return `share of records where ${describePredicate(sli.good)}, among records where ${total}`;
}

export function describeObjective(slo: ResolvedSlo): string {
  const { op, target, warning, critical } = slo.objective;
  const parts = [`${opWords[op]} ${formatValue(target, slo.unit, true)}`];
  const levels: string[] = [];
  if (warning !== undefined)
    levels.push(`warning ${breachWords[op]} ${formatValue(warning, slo.unit, true)}`);
  if (critical !== undefined)
    levels.push(`critical ${breachWords[op]} ${formatValue(critical, slo.unit, true)}`);
  if (warning === undefined && critical === undefined) levels.push('any miss is critical');
  parts.push(`(${levels.join(', ')})`);
  return parts.join(' ');
}

function describePredicate(predicate: Predicate): string {
  const tests: string[] = [];
  if (predicate.equals !== undefined) tests.push(`= ${JSON.stringify(predicate.equals)}`);
  if (predicate.in !== undefined) tests.push(`in ${JSON.stringify(predicate.in)}`);
  if (predicate.lt !== undefined) tests.push(`< ${predicate.lt}`);
  if (predicate.lte !== undefined) tests.push(`≤ ${predicate.lte}`);
  if (predicate.gt !== undefined) tests.push(`> ${predicate.gt}`);
  if (predicate.gte !== undefined) tests.push(`≥ ${predicate.gte}`);
  if (predicate.exists !== undefined) tests.push(predicate.exists ? 'is set' : 'is not set');
  return `${predicate.field} ${tests.join(' and ')}`;
}
