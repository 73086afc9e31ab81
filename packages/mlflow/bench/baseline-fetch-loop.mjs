// The floor for pulling traces: a plain fetch loop over POST /api/3.0/mlflow/traces/search (500 per page, following
// next_page_token until a page comes back empty) that collects the traces into one array and counts them.
// Usage: node baseline-fetch-loop.mjs URL EXPERIMENT_ID
const [url, experimentId] = process.argv.slice(2);
const traces = [];
let pageToken;
for (;;) {
  const response = await fetch(`${url}/api/3.0/mlflow/traces/search`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      locations: [{ type: 'MLFLOW_EXPERIMENT', mlflow_experiment: { experiment_id: experimentId } }],
      max_results: 500,
      ...(pageToken ? { page_token: pageToken } : {}),
    }),
  });
  if (!response.ok) throw new Error(`traces/search: ${response.status} ${await response.text()}`);
  const page = await response.json();
  if (!page.traces || page.traces.length === 0) break;
  traces.push(...page.traces);
  pageToken = page.next_page_token;
  if (!pageToken) break;
}
process.stdout.write(`${traces.length}\n`);
