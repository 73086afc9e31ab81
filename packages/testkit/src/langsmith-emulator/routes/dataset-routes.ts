import { EmulatorHttpError } from '../emulator-http-error.js';
import { datasetJson } from '../emulator-json.js';
import type { EmulatorState } from '../emulator-state.js';
import { type LangSmithRouter, ok, onLegacy, uuidParam } from './langsmith-route.js';
import { object, offsetPage } from './request-fields.js';

/** Datasets: list by name or id, read, create. */
export function addDatasetRoutes(router: LangSmithRouter, state: EmulatorState): void {
  onLegacy(router, 'GET', '/datasets', ({ query }) => {
    let datasets = [...state.datasets.values()];
    const name = query.get('name');
    if (name !== null) datasets = datasets.filter((dataset) => dataset.name === name);
    const ids = query.getAll('id');
    if (ids.length > 0) datasets = datasets.filter((dataset) => ids.includes(dataset.id));
    return ok(offsetPage(query, datasets).map((dataset) => datasetJson(state, dataset)));
  });
  onLegacy(router, 'GET', `/datasets/:id${uuidParam}`, (_request, { id }) => {
    const dataset = state.datasets.get(id!);
    if (!dataset) throw new EmulatorHttpError(404, `Dataset ${id} not found`);
    return ok(datasetJson(state, dataset));
  });
  onLegacy(router, 'POST', '/datasets', ({ body }) =>
    ok(datasetJson(state, state.createDataset(object(body)))),
  );
}
