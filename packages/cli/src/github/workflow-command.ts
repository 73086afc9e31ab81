/**
 * A GitHub Actions workflow command (`::notice::...`), which the runner turns into an annotation. The message is
 * escaped as the runner expects, so a newline or `::` in it cannot start another command.
 */
export function workflowCommand(kind: 'notice' | 'warning' | 'error', message: string): string {
  const escaped = message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  return `::${kind}::${escaped}\n`;
}
