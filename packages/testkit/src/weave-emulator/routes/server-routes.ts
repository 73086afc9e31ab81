import { ok, type WeaveRouter } from './weave-route.js';

/** `/health` and `/server_info`: open without credentials. */
export function addServerRoutes(router: WeaveRouter): void {
  router.on('GET', '/health', { public: true, handle: () => ok({ status: 'ok' }) });
  router.on('GET', '/server_info', {
    public: true,
    handle: () => ok({ min_required_weave_python_version: '0.0.1' }),
  });
}
