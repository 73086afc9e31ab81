/** Turns a CSV row's dotted headers (`scores.accuracy`, `metadata.model`) into nested objects; drops empty cells. */
export function nestDottedKeys(row: Record<string, string>): Record<string, unknown> {
  const nested: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (value === '') continue;
    const segments = key.split('.');
    let target = nested;
    for (const segment of segments.slice(0, -1)) {
      const next = target[segment];
      if (next === null || typeof next !== 'object') target[segment] = {};
      target = target[segment] as Record<string, unknown>;
    }
    target[segments[segments.length - 1]!] = value;
  }
  return nested;
}
