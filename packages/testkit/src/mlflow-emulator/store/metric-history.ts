import { invalidParameter } from '../emulator-error.js';
import { decodePageToken, encodePageToken } from '../page-token.js';
import { metricJson, omitEmpty } from './mlflow-json.js';
import type { Json } from './request-fields.js';
import type { StoredRun } from './stored-records.js';

/**
 * A page of metrics/get-history, by step then timestamp, with look-ahead paging. Without max_results the handler
 * passes the proto2 default 0: an empty page that still has a token.
 */
export function metricHistoryPage(run: StoredRun, key: string, query: URLSearchParams): Json {
  const maxResultsText = query.get('max_results');
  const maxResults = maxResultsText === null ? 0 : Number(maxResultsText);
  if (!Number.isInteger(maxResults) || maxResults < 0 || maxResults > 25_000) {
    throw invalidParameter(`Invalid value ${maxResultsText} for parameter 'max_results' supplied.`);
  }
  const history = [...(run.history.get(key) ?? [])].sort(
    (a, b) => a.step - b.step || a.timestamp - b.timestamp,
  );
  const offset = decodePageToken(query.get('page_token') ?? undefined);
  if (maxResults === 0) {
    return history.length === 0 ? {} : { next_page_token: encodePageToken(offset) };
  }
  const page = history.slice(offset, offset + maxResults);
  const hasMore = offset + maxResults < history.length;
  return omitEmpty({
    metrics: page.map((metric) => metricJson(metric)),
    next_page_token: hasMore ? encodePageToken(offset + maxResults) : undefined,
  });
}
