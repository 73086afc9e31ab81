/**
 * C0 controls, DEL and C1 controls. From data they would drive the terminal: ESC starts sequences (OSC 52 writes
 * the clipboard, CSI clears the screen or fakes output), BEL rings, U+009B is an 8-bit CSI.
 */
const controlCharacters = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * Text from data (segment keys, record issues, tracker errors) made safe to print: line breaks and tabs become
 * spaces, other control characters are dropped. Renderers apply it before adding their own colours.
 */
export function terminalText(text: string): string {
  return text.replace(controlCharacters, (character) =>
    character === '\t' || character === '\n' || character === '\r' ? ' ' : '',
  );
}
