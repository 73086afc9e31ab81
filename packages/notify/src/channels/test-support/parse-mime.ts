/**
 * A small RFC 5322 / MIME reader for tests: enough to take apart what nodemailer sends (headers with RFC 2047
 * encoded words, nested multipart bodies, base64 and quoted-printable parts) without trusting nodemailer to read
 * its own output.
 */
export interface MimePart {
  headers: Map<string, string>;
  /** `text/plain`, `multipart/alternative`, ... (lower case, without parameters). */
  contentType: string;
  parameters: Record<string, string>;
  /** The decoded body of a leaf part (UTF-8); '' for a multipart. */
  body: string;
  parts: MimePart[];
}

/** Decodes `=?UTF-8?Q?...?=` and `=?UTF-8?B?...?=` words; whitespace between adjacent words is dropped. */
export function decodeHeader(value: string): string {
  const words = /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g;
  const joined = value.replace(/(\?=)\s+(=\?)/g, '$1$2');
  return joined.replace(words, (_, _charset: string, encoding: string, text: string) => {
    if (encoding.toUpperCase() === 'B') return Buffer.from(text, 'base64').toString('utf8');
    const bytes = text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (__, hex: string) => `%${hex}`);
    return decodePercentBytes(bytes);
  });
}

function decodePercentBytes(text: string): string {
  const bytes: number[] = [];
  for (let index = 0; index < text.length; index++) {
    if (text[index] === '%' && /^[0-9A-Fa-f]{2}$/.test(text.slice(index + 1, index + 3))) {
      bytes.push(Number.parseInt(text.slice(index + 1, index + 3), 16));
      index += 2;
    } else {
      bytes.push(...Buffer.from(text[index]!, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

export function decodeQuotedPrintable(text: string): string {
  const unwrapped = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let index = 0; index < unwrapped.length; index++) {
    const character = unwrapped[index]!;
    const hex = unwrapped.slice(index + 1, index + 3);
    if (character === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      index += 2;
    } else {
      bytes.push(...Buffer.from(character, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  const unfolded = block.replace(/\r?\n[ \t]+/g, ' ');
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers.set(name, headers.has(name) ? `${headers.get(name)}, ${value}` : value);
  }
  return headers;
}

function parseContentType(value: string | undefined): { type: string; parameters: Record<string, string> } {
  const [type = 'text/plain', ...rest] = (value ?? 'text/plain').split(';');
  const parameters: Record<string, string> = {};
  for (const parameter of rest) {
    const equals = parameter.indexOf('=');
    if (equals < 0) continue;
    parameters[parameter.slice(0, equals).trim().toLowerCase()] = parameter
      .slice(equals + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
  }
  return { type: type.trim().toLowerCase(), parameters };
}

/** Parses a whole message (or part) into its tree of parts. */
export function parseMime(raw: string): MimePart {
  const split = /\r?\n\r?\n/.exec(raw);
  const headerBlock = split ? raw.slice(0, split.index) : raw;
  const content = split ? raw.slice(split.index + split[0].length) : '';
  const headers = parseHeaders(headerBlock);
  const { type, parameters } = parseContentType(headers.get('content-type'));
  if (type.startsWith('multipart/') && parameters.boundary) {
    const delimiter = `--${parameters.boundary}`;
    const sections = content.split(delimiter).slice(1);
    const parts: MimePart[] = [];
    for (const section of sections) {
      if (section.startsWith('--')) break;
      parts.push(parseMime(section.replace(/^\r?\n/, '').replace(/\r?\n$/, '')));
    }
    return { headers, contentType: type, parameters, body: '', parts };
  }
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const body =
    encoding === 'base64'
      ? Buffer.from(content.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? decodeQuotedPrintable(content)
        : content;
  return { headers, contentType: type, parameters, body: body.replace(/\r\n/g, '\n'), parts: [] };
}

/** Every leaf part, depth first. */
export function leafParts(part: MimePart): MimePart[] {
  return part.parts.length === 0 ? [part] : part.parts.flatMap(leafParts);
}

/** The first leaf part of a content type. */
export function findPart(part: MimePart, contentType: string): MimePart | undefined {
  return leafParts(part).find((leaf) => leaf.contentType === contentType);
}
