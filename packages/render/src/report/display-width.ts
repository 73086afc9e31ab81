/** Terminal columns a string takes: emoji count two, variation selectors and joiners none, ANSI colours none. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const character of text.replace(/\u001b\[[0-9;]*m/g, '')) {
    const code = character.codePointAt(0)!;
    if (code === 0xfe0f || code === 0x200d || (code >= 0x300 && code <= 0x36f)) continue;
    width +=
      code >= 0x1f000 || (code >= 0x2600 && code <= 0x27bf) || (code >= 0x2b00 && code <= 0x2bff) ? 2 : 1;
  }
  return width;
}

export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}
