/**
 * `JSON.parse`, then, for text it rejects, a second try that reads the bare `NaN`, `Infinity` and `-Infinity`
 * Python's `json.dumps` writes for float fields as null. Throws the first error when that fails too.
 */
export function parseJsonLine(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const repaired = replaceNonFiniteNumbers(text);
    if (repaired === text) throw error;
    try {
      return JSON.parse(repaired);
    } catch {
      throw error;
    }
  }
}

/** Replaces NaN, Infinity and -Infinity outside strings with null. */
export function replaceNonFiniteNumbers(text: string): string {
  let result = '';
  let inString = false;
  let last = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (inString) {
      if (char === '\\') index++;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') {
      inString = true;
      continue;
    }
    for (const token of ['-Infinity', 'Infinity', 'NaN']) {
      if (text.startsWith(token, index)) {
        result += `${text.slice(last, index)}null`;
        index += token.length - 1;
        last = index + 1;
        break;
      }
    }
  }
  return last === 0 ? text : result + text.slice(last);
}
