/** One line of a JSONL body, numbered from 1; `terminated` is false for a last line the stream ended inside. */
export interface JsonlLine {
  text: string;
  number: number;
  terminated: boolean;
}

/**
 * Splits a byte stream into lines as the bytes arrive, holding at most one partial line: a response is never
 * buffered whole. Empty lines are skipped; a trailing `\r` is dropped.
 */
export async function* jsonlLines(body: AsyncIterable<Uint8Array>): AsyncGenerator<JsonlLine> {
  const decoder = new TextDecoder();
  let pending = '';
  let number = 0;
  for await (const chunk of body) {
    const text = pending + decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      const line = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
      start = end + 1;
      if (line.length === 0) continue;
      number++;
      yield { text: line, number, terminated: true };
    }
    pending = text.slice(start);
  }
  pending += decoder.decode();
  if (pending.trim().length > 0) {
    number++;
    yield { text: pending, number, terminated: false };
  }
}
