// The floor for `slokit check`: read a JSONL file line by line with node:readline over fs.createReadStream
// and JSON.parse each line, counting lines and nothing else. Usage: node baseline-read-parse.mjs FILE
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: node baseline-read-parse.mjs FILE\n');
  process.exit(2);
}

const lines = createInterface({
  input: createReadStream(file, { encoding: 'utf8' }),
  crlfDelay: Number.POSITIVE_INFINITY,
});
let count = 0;
for await (const line of lines) {
  if (line === '') continue;
  JSON.parse(line);
  count++;
}
process.stdout.write(`${count}\n`);
