import { formatObjective, formatSli, yamlScalar } from '../discovery/format-suggested-slo.js';
import type { SuggestedSlo } from '../discovery/suggest-slos.js';
import { type InitSource, sourceYaml } from './init-source.js';

/** The `slokit.yaml` that `init` writes: the source, then the starter SLOs, with a word on where they came from. */
export function renderInitConfig(source: InitSource, slos: SuggestedSlo[], origin: string): string {
  const lines = [
    `# slokit config: quality SLOs for an LLM app, written by \`slokit init\` ${origin}.`,
    '# Adjust the targets to your product. Reference: https://github.com/slokit/slokit#config-reference',
    'version: 1',
    '',
    'sources:',
    ...sourceYaml(source),
    '',
    'slos:',
  ];
  for (const slo of slos) {
    lines.push(
      `  - name: ${yamlScalar(slo.name)}`,
      `    sli: ${formatSli(slo.sli)}`,
      `    objective: ${formatObjective(slo.objective)}`,
    );
    if (slo.window) lines.push(`    window: ${slo.window}`);
    if (slo.groupBy) lines.push(`    groupBy: ${yamlScalar(slo.groupBy)}`);
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
