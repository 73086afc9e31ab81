/**
 * A run's status, from `status` (`success`/`error`/`pending` in the legacy API, upper case in v2) or, when that
 * was not returned, from the run itself: no end time means pending, an error message means error.
 */
export function runStatus(run: {
  status?: unknown;
  end_time?: unknown;
  error?: unknown;
}): 'success' | 'error' | 'pending' {
  if (typeof run.status === 'string') {
    const status = run.status.toLowerCase();
    if (status === 'success' || status === 'error' || status === 'pending') return status;
  }
  if (run.end_time === null) return 'pending';
  return typeof run.error === 'string' && run.error !== '' ? 'error' : 'success';
}

/**
 * Latency in ms: `latency_seconds` when the API gave it (v2), else end minus start. Rounded to microseconds, so
 * that 8.951 s is 8951 ms and not 8951.000000000002.
 */
export function runLatencyMs(
  run: { latency_seconds?: unknown },
  startMs: number,
  endMs: number | undefined,
): number | undefined {
  const seconds = run.latency_seconds;
  const latency =
    typeof seconds === 'number' && Number.isFinite(seconds)
      ? seconds * 1000
      : endMs === undefined
        ? undefined
        : endMs - startMs;
  return latency === undefined ? undefined : Math.round(latency * 1000) / 1000;
}
