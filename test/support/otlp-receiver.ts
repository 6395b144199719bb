import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One exported span, flattened from OTLP/JSON. */
export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  /** '' for a root span. */
  parentSpanId: string;
  name: string;
  /** The W3C tracestate the span carries ('' for none). */
  traceState: string;
  /** OTLP SpanKind: 1 internal, 2 server, 3 client. */
  kind: number;
  attributes: Record<string, unknown>;
  /** OTLP status code: 0 unset, 1 ok, 2 error. */
  status: { code: number; message?: string };
  resource: Record<string, unknown>;
}

/** One POST as it arrived. */
export interface ReceivedExport {
  path: string;
  contentType: string | undefined;
  body: Buffer;
}

export interface OtlpReceiver {
  /** The base URL, as OTEL_EXPORTER_OTLP_ENDPOINT (exporters add `/v1/traces`). */
  url: string;
  exports(): ReceivedExport[];
  /** Every span of every OTLP/JSON export so far. */
  spans(): ReceivedSpan[];
  clear(): void;
  close(): Promise<void>;
}

type OtlpValue = Record<string, unknown>;
type OtlpAttribute = { key: string; value: OtlpValue };

/** `{ stringValue: 'x' }` → 'x', `{ intValue: 3 }` → 3, arrays of them → arrays. */
function plainValue(value: OtlpValue): unknown {
  const [kind, inner] = Object.entries(value)[0] ?? [];
  if (kind === 'arrayValue') {
    return ((inner as { values?: OtlpValue[] }).values ?? []).map(plainValue);
  }
  return kind === 'intValue' ? Number(inner) : inner;
}

const attributesOf = (list: OtlpAttribute[] | undefined) =>
  Object.fromEntries((list ?? []).map(({ key, value }) => [key, plainValue(value)]));

interface OtlpJsonRequest {
  resourceSpans?: {
    resource?: { attributes?: OtlpAttribute[] };
    scopeSpans?: {
      spans?: (Omit<
        ReceivedSpan,
        'attributes' | 'resource' | 'parentSpanId' | 'status' | 'traceState'
      > & {
        parentSpanId?: string;
        traceState?: string;
        attributes?: OtlpAttribute[];
        status?: { code?: number; message?: string };
      })[];
    }[];
  }[];
}

function read(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

/** An OTLP/HTTP trace receiver on a loopback port, as a collector answers: 200 and `{}`. */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  let received: ReceivedExport[] = [];
  const server = createServer((req, res) => {
    void read(req).then((body) => {
      if (req.method !== 'POST' || req.url !== '/v1/traces') {
        res.writeHead(404).end();
        return;
      }
      received.push({ path: req.url, contentType: req.headers['content-type'], body });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    exports: () => [...received],
    spans: () =>
      received
        .filter((e) => e.contentType === 'application/json')
        .flatMap(
          (e) => (JSON.parse(e.body.toString('utf8')) as OtlpJsonRequest).resourceSpans ?? [],
        )
        .flatMap((r) =>
          (r.scopeSpans ?? []).flatMap((scope) =>
            (scope.spans ?? []).map((span) => ({
              traceId: span.traceId,
              spanId: span.spanId,
              parentSpanId: span.parentSpanId ?? '',
              name: span.name,
              traceState: span.traceState ?? '',
              kind: span.kind,
              attributes: attributesOf(span.attributes),
              status: { code: span.status?.code ?? 0, message: span.status?.message },
              resource: attributesOf(r.resource?.attributes),
            })),
          ),
        ),
    clear: () => {
      received = [];
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
