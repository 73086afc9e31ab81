// What a weave SDK user writes: `client.getCalls(filter, includeCosts, limit)`, one stream_query request whose
// calls the SDK collects into an array. Prints {calls, seconds} as its last stdout line (the SDK logs to stdout).
import weave from 'weave';

const count = Number(process.argv[2]);
const client = await weave.init(`bench/calls-${count}`);
const started = performance.now();
const calls = await client.getCalls(
  { op_names: [`weave:///bench/calls-${count}/op/answer_question:*`] },
  true,
  count,
);
const seconds = (performance.now() - started) / 1000;
process.stdout.write(`\n${JSON.stringify({ calls: calls.length, seconds })}\n`);
process.exit(0);
