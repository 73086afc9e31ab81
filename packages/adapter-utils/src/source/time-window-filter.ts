import type { ReadRecordsOptions } from '@slokit/core';

/** The `(since, until]` filter of a read, for sources whose backend cannot filter by time itself. */
export function timeWindowFilter(
  options: Pick<ReadRecordsOptions, 'since' | 'until'>,
): (time: number) => boolean {
  const since = options.since?.getTime();
  const until = options.until?.getTime();
  if (since === undefined && until === undefined) return () => true;
  return (time) =>
    !Number.isNaN(time) && (since === undefined || time > since) && (until === undefined || time <= until);
}
