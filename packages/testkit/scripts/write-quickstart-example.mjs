// Regenerates the dataset bundled with the quickstart from the built generator (run `npm run build` first).
import { fileURLToPath } from 'node:url';
import { writeQuickstartExample } from '../dist/index.js';

const dir = fileURLToPath(new URL('../../../examples/quickstart/data/', import.meta.url));
const { recordsPath, evalSummaryPath, records } = await writeQuickstartExample(dir);
console.log(`wrote ${records} records to ${recordsPath} and ${evalSummaryPath}`);
