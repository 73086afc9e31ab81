import { invalidParameter } from '../emulator-error.js';
import { decodePageToken, encodePageToken } from '../page-token.js';
import {
  type FilterClause,
  matchNumber,
  matchString,
  parseOrderBy,
  parseSearchFilter,
} from '../search-filter.js';
import { inLifecycleView } from './lifecycle-view.js';
import { experimentJson, omitEmpty } from './mlflow-json.js';
import { chain, compareBy } from './ordering.js';
import { integerField, type Json, stringField, stringList } from './request-fields.js';
import type { StoredExperiment } from './stored-records.js';

const orderKeys = ['name', 'experiment_id', 'creation_time', 'last_update_time'];

/** experiments/search: `max_results` required, filter on name, times and tags, look-ahead paging. */
export function searchExperiments(experiments: Iterable<StoredExperiment>, body: Json): Json {
  const maxResults = integerField(body, 'max_results') ?? 0;
  if (maxResults <= 0 || maxResults > 50_000) {
    throw invalidParameter(
      `Invalid value ${maxResults} for parameter 'max_results' supplied. It must be a positive integer`,
    );
  }
  const clauses = parseSearchFilter(stringField(body, 'filter'));
  const viewType = stringField(body, 'view_type') ?? 'ACTIVE_ONLY';
  const predicates = clauses.map((clause) => experimentPredicate(clause));
  const matches = [...experiments].filter(
    (experiment) =>
      inLifecycleView(experiment.lifecycleStage, viewType) &&
      predicates.every((predicate) => predicate(experiment)),
  );
  matches.sort(experimentOrder(stringList(body.order_by)));
  const offset = decodePageToken(stringField(body, 'page_token'));
  const page = matches.slice(offset, offset + maxResults);
  // experiments/search looks ahead: no token on the last page.
  const hasMore = offset + maxResults < matches.length;
  return omitEmpty({
    experiments: page.map((experiment) => experimentJson(experiment)),
    next_page_token: hasMore ? encodePageToken(offset + maxResults) : undefined,
  });
}

/** The `order_by` entries, then newest first (unless creation_time was ordered on), then by id. */
function experimentOrder(orderBy: string[]): (a: StoredExperiment, b: StoredExperiment) => number {
  const comparators = orderBy.map((entry) => {
    const { prefix, key, ascending } = parseOrderBy(entry);
    if (prefix !== '' && prefix !== 'attribute' && prefix !== 'attributes') {
      throw invalidParameter(`Invalid order_by entity '${prefix}'`);
    }
    if (!orderKeys.includes(key)) throw invalidParameter(`Invalid order_by key '${key}'`);
    return compareBy<StoredExperiment>(
      (experiment) =>
        key === 'name'
          ? experiment.name
          : key === 'experiment_id'
            ? Number(experiment.experimentId)
            : key === 'creation_time'
              ? experiment.creationTime
              : experiment.lastUpdateTime,
      ascending,
    );
  });
  if (!orderBy.some((entry) => /creation_time/.test(entry))) {
    comparators.push(compareBy((experiment) => experiment.creationTime, false));
  }
  comparators.push(compareBy((experiment) => Number(experiment.experimentId), true));
  return chain(comparators);
}

function experimentPredicate(clause: FilterClause): (experiment: StoredExperiment) => boolean {
  const { prefix, key, comparator, value } = clause;
  if (prefix === 'tag' || prefix === 'tags') {
    return (experiment) => matchString(experiment.tags.get(key), comparator, value);
  }
  if ((prefix === '' || prefix === 'attribute' || prefix === 'attributes') && key === 'name') {
    if (value.kind !== 'string') throw invalidParameter(`Invalid clause(s) in filter string: name`);
    return (experiment) => matchString(experiment.name, comparator, value);
  }
  if (
    (prefix === '' || prefix === 'attribute' || prefix === 'attributes') &&
    (key === 'creation_time' || key === 'last_update_time')
  ) {
    if (value.kind !== 'number') throw invalidParameter(`Invalid clause(s) in filter string: ${key}`);
    return (experiment) =>
      matchNumber(
        key === 'creation_time' ? experiment.creationTime : experiment.lastUpdateTime,
        comparator,
        value.value,
      );
  }
  const shown = value.kind === 'string' ? `'${value.value}'` : value.kind === 'number' ? value.text : '(...)';
  throw invalidParameter(
    `Invalid clause(s) in filter string: ${prefix ? `${prefix}.` : ''}${key}, ${comparator}, ${shown}`,
  );
}
