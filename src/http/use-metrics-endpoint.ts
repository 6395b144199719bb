import type { Plugin } from 'graphql-yoga';
import type { Registry } from 'prom-client';

/** Serves the registry on `GET /metrics` in Prometheus's text format. */
export function useMetricsEndpoint(registry: Registry, endpoint = '/metrics'): Plugin {
  return {
    async onRequest({ request, url, fetchAPI, endResponse }) {
      if (request.method !== 'GET' || url.pathname !== endpoint) {
        return;
      }
      endResponse(
        new fetchAPI.Response(await registry.metrics(), {
          headers: { 'content-type': registry.contentType },
        }),
      );
    },
  };
}
