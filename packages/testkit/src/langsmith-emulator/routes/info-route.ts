import { type LangSmithRouter, ok, onLegacy } from './langsmith-route.js';

/** `GET /info`: the server version and ingest settings the SDK reads first (no API key needed). */
export function addInfoRoute(router: LangSmithRouter, options: { apiV2: boolean }): void {
  onLegacy(router, 'GET', '/info', () =>
    ok({
      version: options.apiV2 ? '0.18.0' : '0.15.4',
      license_expiration_time: null,
      batch_ingest_config: { use_multipart_endpoint: false, scale_up_qsize_trigger: 1000, size_limit: 100 },
      instance_flags: {},
      tenant_handle: null,
    }),
  );
}

/** Whether a path answers without an API key. */
export function isPublicPath(path: string): boolean {
  return path === '/info' || path === '/api/v1/info';
}
