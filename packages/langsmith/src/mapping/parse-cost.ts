/** A cost in USD: the legacy API sends decimal strings (`"0.001234"`), v2 numbers. Undefined when absent or invalid. */
export function parseCost(value: unknown): number | undefined {
  const cost = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof cost === 'number' && Number.isFinite(cost) && cost >= 0 ? cost : undefined;
}
