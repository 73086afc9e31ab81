// The floor: one /calls/stream_query request for every call (the same columns, costs and feedback the source
// asks for), its body split into lines as it arrives and each line JSON.parse'd, nothing else. Prints
// {calls, seconds} as its last stdout line.
const count = Number(process.argv[2]);
const url = `${process.env.WF_TRACE_SERVER_URL}/calls/stream_query`;
const started = performance.now();
const response = await fetch(url, {
  method: 'POST',
  headers: {
    'content-type': 'application/json',
    authorization: `Basic ${Buffer.from(`api:${process.env.WANDB_API_KEY}`).toString('base64')}`,
  },
  body: JSON.stringify({
    project_id: `bench/calls-${count}`,
    filter: { op_names: [`weave:///bench/calls-${count}/op/answer_question:*`, 'answer_question'] },
    columns: [
      'id',
      'op_name',
      'display_name',
      'trace_id',
      'parent_id',
      'started_at',
      'ended_at',
      'exception',
      'attributes',
      'summary',
    ],
    include_costs: true,
    include_feedback: true,
    sort_by: [
      { field: 'started_at', direction: 'asc' },
      { field: 'id', direction: 'asc' },
    ],
  }),
});
if (!response.ok) throw new Error(`stream_query answered ${response.status}`);
const decoder = new TextDecoder();
let pending = '';
let calls = 0;
for await (const chunk of response.body) {
  const text = pending + decoder.decode(chunk, { stream: true });
  let start = 0;
  for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
    if (end > start) {
      JSON.parse(text.slice(start, end));
      calls++;
    }
    start = end + 1;
  }
  pending = text.slice(start);
}
const seconds = (performance.now() - started) / 1000;
process.stdout.write(`${JSON.stringify({ calls, seconds })}\n`);
