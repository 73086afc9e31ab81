import { omitEmpty } from './mlflow-json.js';
import { type Json, trimSlashes } from './request-fields.js';
import type { StoredRun } from './stored-records.js';

/** artifacts/list: the files and directories directly under `path` in a run's artifacts, by name. */
export function listArtifacts(
  artifacts: ReadonlyMap<string, Buffer>,
  run: StoredRun,
  directory: string,
): Json {
  const path = trimSlashes(directory);
  const prefix = path === '' ? `${run.artifactUri}/` : `${run.artifactUri}/${path}/`;
  const entries = new Map<string, { is_dir: boolean; file_size?: number }>();
  for (const [uri, content] of artifacts) {
    if (!uri.startsWith(prefix)) continue;
    const rest = uri.slice(prefix.length);
    const slash = rest.indexOf('/');
    const name = slash === -1 ? rest : rest.slice(0, slash);
    const relative = path === '' ? name : `${path}/${name}`;
    if (slash === -1) entries.set(relative, { is_dir: false, file_size: content.length });
    else entries.set(relative, { is_dir: true });
  }
  const files = [...entries.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([file, entry]) => ({ path: file, ...entry }));
  return omitEmpty({ root_uri: run.artifactUri, files });
}
