import { type DiagLogger, DiagLogLevel, diag } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import {
  defaultResource,
  detectResources,
  envDetector,
  resourceFromAttributes,
} from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { Logger } from 'pino';
import type { SpansByContext } from './operation-spans.js';
import type { Tracing } from './tracing.js';
import { upstreamSpans } from './upstream-spans.js';
import { useTracing } from './use-tracing.js';

export const DEFAULT_SERVICE_NAME = 'membrane-graphql-gateway';

/** The OTLP/HTTP encodings; `grpc` is not offered (it would need a gRPC stack). */
type Protocol = 'http/protobuf' | 'http/json';

/** OTEL_EXPORTER_OTLP_(TRACES_)PROTOCOL, as the specification defaults it (`http/protobuf`). */
function protocolOf(env: Record<string, string | undefined>, log: Logger): Protocol {
  const given = (env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL || env.OTEL_EXPORTER_OTLP_PROTOCOL || '')
    .trim()
    .toLowerCase();
  if (given === 'http/json') {
    return 'http/json';
  }
  if (given !== '' && given !== 'http/protobuf') {
    log.warn({ protocol: given }, 'OTLP protocol not supported: exporting with http/protobuf');
  }
  return 'http/protobuf';
}

/** The SDK's own complaints (a collector that cannot be reached, …) as warnings of our log. */
function diagnosticsTo(log: Logger): DiagLogger {
  const warn = (message: string, ...args: unknown[]) => {
    const cause = args.find((a): a is Error => a instanceof Error)?.message;
    log.warn(cause ? { cause } : {}, `opentelemetry: ${message}`);
  };
  const ignore = () => undefined;
  return { error: warn, warn, info: ignore, debug: ignore, verbose: ignore };
}

/**
 * The OpenTelemetry SDK, set up from the standard variables: the exporter reads
 * OTEL_EXPORTER_OTLP_* (endpoint, headers, timeout, compression), the provider
 * OTEL_TRACES_SAMPLER(_ARG) and the span limits, the batch processor OTEL_BSP_*, the resource
 * OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES (the service is `membrane-graphql-gateway`
 * unless they name it). Nothing is registered globally: no context manager, no global
 * propagator; spans are parented explicitly (see `operation-spans.ts`).
 */
export function startTracing(env: Record<string, string | undefined>, log: Logger): Tracing {
  diag.setLogger(diagnosticsTo(log), DiagLogLevel.WARN);
  const protocol = protocolOf(env, log);
  const exporter = protocol === 'http/json' ? new JsonExporter() : new ProtobufExporter();
  const resource = defaultResource()
    .merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: DEFAULT_SERVICE_NAME }))
    .merge(detectResources({ detectors: [envDetector] }));
  const provider = new BasicTracerProvider({
    resource,
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer(DEFAULT_SERVICE_NAME);
  const propagator = new W3CTraceContextPropagator();
  const spans: SpansByContext = new WeakMap();
  log.info({ protocol }, 'OpenTelemetry tracing on: spans are exported over OTLP/HTTP');
  return {
    plugin: useTracing(tracer, propagator, spans),
    upstream: (operationContext) => upstreamSpans(tracer, propagator, spans, operationContext),
    flush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
}
