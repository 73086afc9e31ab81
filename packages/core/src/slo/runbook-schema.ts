import { z } from 'zod';

/** What browsers drop or ignore inside a URL (`java\tscript:`), so a link holding one is not what it seems. */
const hiddenCharacters = /[\u0000-\u001f\u007f-\u009f]|^\s|\s$/;
const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/;

/** Whether a link is safe to show and open: an http(s) URL, or a relative link without a scheme. */
export function isSafeLink(link: string): boolean {
  if (link === '' || hiddenCharacters.test(link)) return false;
  const match = scheme.exec(link);
  if (match === null) return true;
  const name = match[1]!.toLowerCase();
  return (name === 'http' || name === 'https') && URL.canParse(link);
}

/** `runbook:` links end up in terminals, Markdown, HTML reports and chat messages: never `javascript:` or `data:`. */
export const runbookSchema = z.string().refine(isSafeLink, {
  message: 'expected an http(s) URL or a relative link',
});
