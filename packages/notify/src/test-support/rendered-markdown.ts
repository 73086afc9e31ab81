import MarkdownIt from 'markdown-it';

// Like Teams and Discord: markdown links, <autolinks> and bare http(s) URLs become links; bare domains do not.
const markdown = new MarkdownIt({ linkify: true });
markdown.linkify.set({ fuzzyLink: false, fuzzyEmail: false });

type Token = ReturnType<MarkdownIt['parse']>[number];

/** What a CommonMark renderer makes of a message text: its link targets, its headings and its visible text. */
export function renderedMarkdown(text: string): { links: string[]; headings: number; visible: string } {
  const links: string[] = [];
  let headings = 0;
  let visible = '';
  const walk = (tokens: readonly Token[]) => {
    for (const token of tokens) {
      if (token.type === 'link_open') links.push(token.attrGet('href') ?? '');
      if (token.type === 'heading_open') headings++;
      if (['text', 'text_special', 'code_inline'].includes(token.type)) visible += token.content;
      if (token.type === 'softbreak' || token.type === 'hardbreak') visible += '\n';
      if (token.children) walk(token.children);
    }
  };
  walk(markdown.parse(text, {}));
  return { links, headings, visible };
}

/** Every string under the given keys, anywhere in a JSON message: the texts a chat app renders as markdown. */
export function markdownTexts(message: unknown, keys: readonly string[]): string[] {
  const texts: string[] = [];
  const walk = (value: unknown, key: string | undefined) => {
    if (typeof value === 'string' && key !== undefined && keys.includes(key)) texts.push(value);
    else if (Array.isArray(value)) for (const item of value) walk(item, key);
    else if (value !== null && typeof value === 'object')
      for (const [name, item] of Object.entries(value)) walk(item, name);
  };
  walk(message, undefined);
  return texts;
}
