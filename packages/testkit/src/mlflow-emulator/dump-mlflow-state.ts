import type { RecordedRequest } from './recorded-request.js';
import type { EmulatorStore } from './store/emulator-store.js';
import { experimentJson, runJson, traceInfoJson } from './store/mlflow-json.js';

/** Everything stored and every request received (without Authorization headers), as text. */
export function dumpMlflowState(store: EmulatorStore, requests: readonly RecordedRequest[]): string {
  const runs = [...store.runs.values()].map((run) => ({
    ...runJson(run, true),
    history: Object.fromEntries(run.history),
  }));
  return JSON.stringify({
    experiments: [...store.experiments.values()].map((experiment) => experimentJson(experiment)),
    runs,
    traces: [...store.traces.values()].map((trace) => traceInfoJson(trace, true)),
    artifacts: Object.fromEntries(
      [...store.artifacts].map(([uri, content]) => [uri, content.toString('utf8')]),
    ),
    requests: requests.map(({ headers, ...request }) => ({
      ...request,
      headers: Object.fromEntries(Object.entries(headers).filter(([name]) => name !== 'authorization')),
    })),
  });
}
