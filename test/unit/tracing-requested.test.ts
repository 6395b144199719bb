import { describe, expect, it } from 'vitest';
import { tracingRequested } from '../../src/tracing/requested.js';

const ENDPOINT = 'http://collector:4318';

describe('tracingRequested (the standard OTEL_* variables)', () => {
  it('is off without an OTLP endpoint, whatever else is set', () => {
    expect(tracingRequested({})).toBe(false);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: ' ' })).toBe(false);
    expect(tracingRequested({ OTEL_SERVICE_NAME: 'gw', OTEL_TRACES_EXPORTER: 'otlp' })).toBe(false);
  });

  it('is on with the general or the traces endpoint', () => {
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: ENDPOINT })).toBe(true);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${ENDPOINT}/v1/traces` })).toBe(
      true,
    );
    expect(
      tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: ENDPOINT, OTEL_TRACES_EXPORTER: 'otlp' }),
    ).toBe(true);
    expect(
      tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: ENDPOINT, OTEL_SDK_DISABLED: 'false' }),
    ).toBe(true);
  });

  it('is off when the SDK is disabled or traces go to no OTLP exporter', () => {
    for (const disabled of ['true', 'TRUE', ' true ']) {
      expect(
        tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: ENDPOINT, OTEL_SDK_DISABLED: disabled }),
      ).toBe(false);
    }
    expect(
      tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: ENDPOINT, OTEL_TRACES_EXPORTER: 'none' }),
    ).toBe(false);
    expect(
      tracingRequested({
        OTEL_EXPORTER_OTLP_ENDPOINT: ENDPOINT,
        OTEL_TRACES_EXPORTER: 'console, otlp',
      }),
    ).toBe(true);
  });
});
