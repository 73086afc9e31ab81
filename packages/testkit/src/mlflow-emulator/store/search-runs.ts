import { invalidParameter } from '../emulator-error.js';
import { decodePageToken, encodePageToken } from '../page-token.js';
import { parseOrderBy, parseSearchFilter } from '../search-filter.js';
import { inLifecycleView } from './lifecycle-view.js';
import { omitEmpty, runJson } from './mlflow-json.js';
import { chain, compareBy } from './ordering.js';
import { integerField, type Json, stringField, stringList } from './request-fields.js';
import { runAttributeKeys, runPredicate } from './run-predicate.js';
import type { StoredRun } from './stored-records.js';

/** runs/search: filter and order by metrics, params, tags and attributes; a page token on every full page. */
export function searchRuns(runs: Iterable<StoredRun>, body: Json): Json {
  const experimentIds = stringList(body.experiment_ids);
  const maxResults = integerField(body, 'max_results') ?? 1000;
  if (maxResults <= 0 || maxResults > 50_000) {
    throw invalidParameter(
      `Invalid value ${maxResults} for parameter 'max_results' supplied. It must be at most 50000, but got value ${maxResults}`,
    );
  }
  const predicates = parseSearchFilter(stringField(body, 'filter')).map((clause) => runPredicate(clause));
  const offset = decodePageToken(stringField(body, 'page_token'));
  const viewType = stringField(body, 'run_view_type') ?? 'ACTIVE_ONLY';
  const matches = [...runs].filter(
    (run) =>
      experimentIds.includes(run.experimentId) &&
      inLifecycleView(run.lifecycleStage, viewType) &&
      predicates.every((predicate) => predicate(run)),
  );
  const comparators = stringList(body.order_by).map((entry) => runComparator(entry));
  comparators.push(compareBy((run: StoredRun) => run.startTime, false));
  comparators.push(compareBy((run: StoredRun) => run.runId, true));
  matches.sort(chain(comparators));
  const page = matches.slice(offset, offset + maxResults);
  // runs/search returns a token on every full page, even when nothing is left.
  return omitEmpty({
    runs: page.map((run) => runJson(run, true)),
    next_page_token: page.length === maxResults ? encodePageToken(offset + maxResults) : undefined,
  });
}

function runComparator(entry: string): (a: StoredRun, b: StoredRun) => number {
  const { prefix, key, ascending } = parseOrderBy(entry);
  if (prefix === 'metric' || prefix === 'metrics') {
    return compareBy((run) => run.latest.get(key)?.value, ascending);
  }
  if (prefix === 'param' || prefix === 'params') return compareBy((run) => run.params.get(key), ascending);
  if (prefix === 'tag' || prefix === 'tags') return compareBy((run) => run.tags.get(key), ascending);
  if (!['', 'attribute', 'attributes', 'attr', 'run'].includes(prefix) || !runAttributeKeys.includes(key)) {
    throw invalidParameter(`Invalid order_by clause '${entry}'`);
  }
  return compareBy((run) => {
    switch (key) {
      case 'start_time':
        return run.startTime;
      case 'end_time':
        return run.endTime;
      case 'run_name':
        return run.runName;
      case 'status':
        return run.status;
      case 'user_id':
        return run.userId;
      default:
        return run.runId;
    }
  }, ascending);
}
