const invalidCharacters = /[^a-zA-Z0-9_]/g;

/** A Prometheus label name for a config label key: `team-name` becomes `team_name`, `1tier` becomes `_1tier`. */
export function prometheusLabelName(key: string): string {
  const name = key.replace(invalidCharacters, '_');
  return /^[0-9]/.test(name) || name === '' ? `_${name}` : name;
}
