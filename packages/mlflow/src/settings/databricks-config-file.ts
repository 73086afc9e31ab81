import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DatabricksProfile {
  host?: string;
  token?: string;
}

/**
 * Reads one profile of `~/.databrickscfg` (or `DATABRICKS_CONFIG_FILE`), the ini file the Databricks CLI writes:
 * `[DEFAULT]` / `[profile]` sections of `key = value` lines. Undefined when the file or the profile is missing.
 */
export function readDatabricksProfile(
  env: Record<string, string | undefined>,
  profile: string,
): DatabricksProfile | undefined {
  const home = env.HOME ?? env.USERPROFILE;
  const file = env.DATABRICKS_CONFIG_FILE ?? (home === undefined ? undefined : join(home, '.databrickscfg'));
  if (file === undefined) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  return parseDatabricksConfig(text)[profile];
}

/** Parses the ini text of a `.databrickscfg` into its profiles. */
export function parseDatabricksConfig(text: string): Record<string, DatabricksProfile> {
  const profiles: Record<string, DatabricksProfile> = {};
  let section: DatabricksProfile | undefined;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      section = {};
      profiles[header[1]!.trim()] = section;
      continue;
    }
    const entry = /^([^=]+?)\s*=\s*(.*)$/.exec(line);
    if (!entry || !section) continue;
    const key = entry[1]!.trim().toLowerCase();
    if (key === 'host' || key === 'token') section[key] = entry[2]!.trim();
  }
  return profiles;
}
