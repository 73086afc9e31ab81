import { wellFormed } from './well-formed.js';

const delimiters = /\{\{|\}\}/g;

/**
 * Alert labels and annotations are Go templates: an SLO name or description holding `{{` would break the file or
 * run as a template. Each delimiter becomes a template action that prints it back literally.
 */
export function escapeAlertTemplate(text: string): string {
  return wellFormed(text).replace(delimiters, (delimiter) => `{{ "${delimiter}" }}`);
}
