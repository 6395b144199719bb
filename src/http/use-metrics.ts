import { usePrometheus } from '@graphql-yoga/plugin-prometheus';
import { Counter, collectDefaultMetrics, Registry } from 'prom-client';

/** Prometheus metrics on `/metrics`, in a registry of this app's own (tests build many apps). */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const upstreamCalls = new Counter({
    name: 'gateway_upstream_calls_total',
    help: 'Calls sent to the Membrane REST API (memoized GETs not counted).',
    labelNames: ['method'] as const,
    registers: [registry],
  });
  const plugin = usePrometheus({
    endpoint: '/metrics',
    registry,
    // the URL label would make one series per query string: keep cardinality bounded
    labels: { method: true, statusCode: true, url: false },
    metrics: {
      graphql_yoga_http_duration: true,
      graphql_envelop_request_duration: true,
      graphql_envelop_error_result: true,
      graphql_envelop_phase_parse: true,
      graphql_envelop_phase_validate: true,
      graphql_envelop_phase_execute: true,
    },
  });
  return { plugin, countUpstreamCall: (method: string) => upstreamCalls.inc({ method }) };
}
