const units: Array<[suffix: string, milliseconds: number]> = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1000],
  ['ms', 1],
];

/** A duration in Prometheus' syntax (`30d`, `1h30m`): slokit's `1.5h` is not valid PromQL. */
export function prometheusDuration(milliseconds: number): string {
  let rest = Math.max(1, Math.round(milliseconds));
  let text = '';
  for (const [suffix, size] of units) {
    const amount = Math.floor(rest / size);
    if (amount > 0) text += `${amount}${suffix}`;
    rest -= amount * size;
  }
  return text;
}
