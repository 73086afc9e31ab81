import { ConfigError, type ConfigProblem, formatConfigPath } from '@slokit/core/internal';
import type { Document } from 'yaml';

type YamlModule = typeof import('yaml');

export type ConfigTextFormat = 'json' | 'yaml';

/** Aliases a YAML config may expand; a "billion laughs" document needs far more. */
const maxAliasCount = 100;

/**
 * Parses the text of a JSON or YAML config: a UTF-8 byte order mark is dropped, a key given twice in one mapping is
 * a config error naming its path (JSON.parse would keep the last silently), and a YAML alias bomb is a config error
 * rather than a hang or a stack.
 */
export async function parseConfigText(
  text: string,
  format: ConfigTextFormat,
  shown: string,
): Promise<unknown> {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const yaml = await import('yaml');
  if (format === 'json') {
    const raw = parseJson(source, shown);
    // JSON is YAML: its syntax tree shows the keys JSON.parse merged.
    refuseDuplicateKeys(yaml, yaml.parseDocument(source, { uniqueKeys: false }), shown);
    return raw;
  }
  const document = yaml.parseDocument(source, { prettyErrors: true, uniqueKeys: false });
  if (document.errors.length > 0) {
    const problems = document.errors.map((error) => ({
      path: '',
      message: `not valid YAML at line ${error.linePos?.[0]?.line ?? '?'}: ${error.message.split('\n')[0]}`,
    }));
    throw new ConfigError(shown, problems);
  }
  refuseDuplicateKeys(yaml, document, shown);
  try {
    return document.toJS({ maxAliasCount });
  } catch (error) {
    throw new ConfigError(
      shown,
      [{ path: '', message: `not valid YAML: ${(error as Error).message.split('\n')[0]}` }],
      { cause: error },
    );
  }
}

function parseJson(source: string, shown: string): unknown {
  try {
    return JSON.parse(source);
  } catch (error) {
    throw new ConfigError(shown, [{ path: '', message: `not valid JSON: ${(error as Error).message}` }], {
      cause: error,
    });
  }
}

function refuseDuplicateKeys(yaml: YamlModule, document: Document, shown: string): void {
  const problems: ConfigProblem[] = [];
  collectDuplicateKeys(yaml, document.contents, [], problems);
  if (problems.length > 0) throw new ConfigError(shown, problems);
}

/** Walks mappings and sequences in document order; aliases are not followed, so nothing is expanded. */
function collectDuplicateKeys(
  yaml: YamlModule,
  node: unknown,
  path: PropertyKey[],
  problems: ConfigProblem[],
): void {
  if (yaml.isSeq(node)) {
    node.items.forEach((item, index) => {
      collectDuplicateKeys(yaml, item, [...path, index], problems);
    });
    return;
  }
  if (!yaml.isMap(node)) return;
  const seen = new Set<string>();
  for (const pair of node.items) {
    if (!yaml.isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    if (seen.has(key)) problems.push({ path: formatConfigPath([...path, key]), message: 'duplicate key' });
    seen.add(key);
    collectDuplicateKeys(yaml, pair.value, [...path, key], problems);
  }
}
