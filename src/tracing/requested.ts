/**
 * Whether the operator asked for traces, by the OpenTelemetry SDK's own variables: an OTLP
 * endpoint is set, the SDK is not disabled, and the trace exporter is OTLP (its default).
 * Decided before anything of OpenTelemetry is loaded: without it no tracing code runs at all.
 */
export function tracingRequested(env: Record<string, string | undefined>): boolean {
  const set = (name: string) => (env[name]?.trim() ?? '') !== '';
  if (!set('OTEL_EXPORTER_OTLP_ENDPOINT') && !set('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT')) {
    return false;
  }
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') {
    return false;
  }
  const exporters = (env.OTEL_TRACES_EXPORTER ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  return exporters.length === 0 || exporters.includes('otlp');
}
