/** The SDKs' aggregate of rows: booleans → `{true_count, true_fraction}`, numbers → `{mean}`, dicts recursed. */
export function summarizeRows(rows: Array<Record<string, unknown> | null>): Record<string, unknown> {
  const summary: Record<string, unknown> = {};
  const keys = new Set(rows.flatMap((row) => Object.keys(row ?? {})));
  for (const key of keys) {
    const values = rows.map((row) => (row === null ? null : (row[key] ?? null)));
    if (values.some((value) => value !== null && typeof value === 'object' && !Array.isArray(value))) {
      const nested = summarizeRows(
        values.map((value) =>
          value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : null,
        ),
      );
      if (Object.keys(nested).length > 0) summary[key] = nested;
      continue;
    }
    const present = values.filter((value) => value !== null);
    if (present.length === 0) continue;
    if (present.every((value) => typeof value === 'boolean')) {
      const trueCount = present.filter(Boolean).length;
      summary[key] = { true_count: trueCount, true_fraction: trueCount / values.length };
    } else if (present.every((value) => typeof value === 'number')) {
      summary[key] = { mean: (present as number[]).reduce((sum, value) => sum + value, 0) / values.length };
    }
  }
  return summary;
}
