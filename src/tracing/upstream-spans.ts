import {
  type Context,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  type TextMapPropagator,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import {
  ATTR_ERROR_TYPE,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_REQUEST_RESEND_COUNT,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  ATTR_URL_FULL,
} from '@opentelemetry/semantic-conventions';
import { routeOf } from '../explain.js';
import type { AttemptObserver } from '../upstream/client.js';
import type { SpansByContext } from './operation-spans.js';

const ignore = (): void => undefined;

/** Incubating in the HTTP semantic conventions, so named here. */
const ATTR_URL_TEMPLATE = 'url.template';

/** Host and port of an upstream URL, parsed once per origin. */
const servers = new Map<string, { address: string; port: number }>();
function serverOf(url: string): { address: string; port: number } {
  const hostEnd = url.indexOf('/', url.indexOf('://') + 3);
  const origin = hostEnd === -1 ? url : url.slice(0, hostEnd);
  let server = servers.get(origin);
  if (server === undefined) {
    const parsed = new URL(url);
    const port = Number(parsed.port) || (parsed.protocol === 'https:' ? 443 : 80);
    server = { address: parsed.hostname, port };
    servers.set(origin, server);
  }
  return server;
}

/**
 * One CLIENT span per HTTP attempt, following OpenTelemetry's HTTP client conventions: named
 * `{method} {route template}` (`GET /flows/{id}`), a retry is a span of its own with
 * `http.request.resend_count`, 4xx/5xx and failures are errors. Each is a child of the
 * operation's execute span, and its context goes upstream as `traceparent` (and `tracestate`).
 * `url.full` has no query string; no header is recorded.
 */
export function upstreamSpans(
  tracer: Tracer,
  propagator: TextMapPropagator,
  spans: SpansByContext,
  operationContext: object,
): AttemptObserver {
  const inject = (context: Context): Record<string, string> => {
    const headers: Record<string, string> = {};
    propagator.inject(context, headers, {
      set: (carrier, key, value) => {
        carrier[key] = value;
      },
    });
    return headers;
  };
  return {
    start({ method, path, url, resend }) {
      const state = spans.get(operationContext);
      if (state && !state.recorded) {
        // left out by sampling: no span, the operation's (unsampled) context goes upstream
        state.unrecordedHeaders ??= inject(state.inOperation);
        return { headers: state.unrecordedHeaders, end: ignore };
      }
      const route = routeOf(path);
      const server = serverOf(url);
      const span = tracer.startSpan(
        `${method} ${route}`,
        {
          kind: SpanKind.CLIENT,
          attributes: {
            [ATTR_HTTP_REQUEST_METHOD]: method,
            [ATTR_URL_TEMPLATE]: route,
            [ATTR_URL_FULL]: url,
            [ATTR_SERVER_ADDRESS]: server.address,
            [ATTR_SERVER_PORT]: server.port,
            ...(resend > 0 && { [ATTR_HTTP_REQUEST_RESEND_COUNT]: resend }),
          },
        },
        state?.inExecute ?? state?.inOperation ?? ROOT_CONTEXT,
      );
      return {
        headers: inject(trace.setSpan(ROOT_CONTEXT, span)),
        end({ status, error }) {
          if (status !== undefined) {
            span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, status);
          }
          if (status !== undefined && status >= 400) {
            span.setAttribute(ATTR_ERROR_TYPE, String(status));
            span.setStatus({ code: SpanStatusCode.ERROR });
          } else if (error) {
            span.setAttribute(ATTR_ERROR_TYPE, error.code);
            span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
          }
          span.end();
        },
      };
    },
  };
}
