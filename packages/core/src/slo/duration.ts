const unitMilliseconds: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

const durationPattern = /^(\d+(?:\.\d+)?)(s|m|h|d|w)$/;

/** Parses a rolling window such as `30m`, `1h`, `7d`, `4w` into milliseconds; undefined when malformed. */
export function parseDuration(text: string): number | undefined {
  const match = durationPattern.exec(text.trim());
  if (!match) return undefined;
  const amount = Number(match[1]);
  const milliseconds = amount * unitMilliseconds[match[2]!]!;
  return milliseconds > 0 ? milliseconds : undefined;
}
