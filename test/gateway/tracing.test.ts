import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { startTracing } from '../../src/tracing/start-tracing.js';
import type { Tracing } from '../../src/tracing/tracing.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import {
  type OtlpReceiver,
  type ReceivedSpan,
  startOtlpReceiver,
} from '../support/otlp-receiver.js';

const CLIENT_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const CLIENT_SPAN = '00f067aa0ba902b7';
const SERVER = 2;
const CLIENT = 3;
const ERROR = 2;
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-(0[01])$/;

const NESTED = `query FlowWithRelations($s: String!) {
  flow(selector: $s) { name integration { name } connection { name } user { name } }
}`;

/**
 * Tracing set up from the standard variables, as the process does: the SDK reads them from
 * process.env while it is built, so they are set only for that moment.
 */
function tracingWith(vars: Record<string, string>): Tracing {
  const saved = Object.keys(vars).map((name) => [name, process.env[name]] as const);
  Object.assign(process.env, vars);
  try {
    return startTracing(process.env, createLogger('silent'));
  } finally {
    for (const [name, value] of saved) {
      if (value === undefined) {
        delete process.env[name];
      } else {
        process.env[name] = value;
      }
    }
  }
}

const connectionFlowOf = (gw: TestGateway) =>
  String(
    gw.sandbox.data.flows.find(
      (f) => f.connectionId && f.userId && f.integrationId && !f.archivedAt,
    )?.id,
  );

describe('OpenTelemetry tracing', () => {
  let receiver: OtlpReceiver;
  let tracing: Tracing;
  let gw: TestGateway;
  let flowId: string;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    tracing = tracingWith({
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=test',
    });
    gw = await startTestGateway({
      tracing,
      env: { UPSTREAM_RETRIES: '2', PERSISTED_OPERATIONS: 'allow' },
    });
    flowId = connectionFlowOf(gw);
  });
  afterAll(async () => {
    await gw?.close();
    await tracing?.shutdown();
    await receiver?.close();
  });

  /** Sends a request and returns the spans of its trace once they are exported. */
  async function traced(send: () => Promise<unknown>, traceId?: string) {
    gw.resetCalls();
    receiver.clear();
    await send();
    await tracing.flush();
    const spans = receiver.spans();
    const id = traceId ?? spans.find((s) => s.name.startsWith('query'))?.traceId;
    return { spans: spans.filter((s) => s.traceId === id), all: spans, records: gw.records() };
  }

  const only = (spans: ReceivedSpan[], pick: (s: ReceivedSpan) => boolean): ReceivedSpan => {
    const found = spans.filter(pick);
    expect(found).toHaveLength(1);
    return found[0] as ReceivedSpan;
  };
  const childrenOf = (spans: ReceivedSpan[], parent: ReceivedSpan) =>
    spans.filter((s) => s.parentSpanId === parent.spanId);
  const callOf = (s: ReceivedSpan) => ({
    name: s.name,
    method: s.attributes['http.request.method'],
    template: s.attributes['url.template'],
    status: s.attributes['http.response.status_code'],
  });
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

  it('a nested query: the operation under the client span, parse/validate/execute under it, a span per upstream call under execute, and the traceparent each call carried', async () => {
    const { spans, records } = await traced(async () => {
      const answer = await gw.execute(
        NESTED,
        { s: flowId },
        {
          headers: { traceparent: `00-${CLIENT_TRACE}-${CLIENT_SPAN}-01`, tracestate: 'vendor=1' },
        },
      );
      expect(answer.errors).toBeUndefined();
    }, CLIENT_TRACE);

    const operation = only(spans, (s) => s.parentSpanId === CLIENT_SPAN);
    expect(operation).toMatchObject({
      name: 'query FlowWithRelations',
      kind: SERVER,
      status: { code: 0 },
      attributes: {
        'graphql.operation.name': 'FlowWithRelations',
        'graphql.operation.type': 'query',
      },
      resource: {
        'service.name': 'membrane-graphql-gateway',
        'deployment.environment.name': 'test',
      },
    });
    expect(typeof operation.attributes['gateway.request_id']).toBe('string');
    const phases = childrenOf(spans, operation).sort(byName);
    expect(phases.map((s) => s.name)).toEqual([
      'graphql.execute',
      'graphql.parse',
      'graphql.validate',
    ]);
    const execute = only(phases, (s) => s.name === 'graphql.execute');
    const calls = childrenOf(spans, execute);
    expect(calls.map(callOf).sort(byName)).toEqual([
      { name: 'GET /connections/{id}', method: 'GET', template: '/connections/{id}', status: 200 },
      { name: 'GET /customers/{id}', method: 'GET', template: '/customers/{id}', status: 200 },
      { name: 'GET /flows/{id}', method: 'GET', template: '/flows/{id}', status: 200 },
      {
        name: 'GET /integrations/{id}',
        method: 'GET',
        template: '/integrations/{id}',
        status: 200,
      },
    ]);
    for (const call of calls) {
      expect(call.kind).toBe(CLIENT);
      expect(call.attributes).toMatchObject({
        'server.address': '127.0.0.1',
        'server.port': Number(new URL(gw.sandbox.url).port),
      });
      // the concrete URL, never a query string
      expect(String(call.attributes['url.full'])).toMatch(
        /^http:\/\/127\.0\.0\.1:\d+\/\w+\/[\w-]+$/,
      );
      expect(call.attributes).not.toHaveProperty('http.request.resend_count');
    }
    // nothing else in the trace: 1 operation + 3 phases + 4 calls, all with the client's tracestate
    expect(spans).toHaveLength(8);
    expect(new Set(spans.map((s) => s.traceState))).toEqual(new Set(['vendor=1']));

    // what the upstream received: the client's trace, and the span id of the call's own span
    expect(records).toHaveLength(4);
    for (const record of records) {
      const [, traceId, spanId, flags] = TRACEPARENT.exec(record.traceparent ?? '') ?? [];
      expect({ traceId, flags }).toEqual({ traceId: CLIENT_TRACE, flags: '01' });
      const span = only(calls, (s) => s.spanId === spanId);
      expect(String(span.attributes['url.full']).endsWith(record.path)).toBe(true);
    }
  });

  it('a retried call is one span per attempt: the 503 an error, the retry with http.request.resend_count 1; each attempt carried its own span id', async () => {
    const remove = gw.sandbox.faults.add({
      kind: 'status',
      status: 503,
      path: /^\/customers\//,
      times: 1,
    });
    try {
      const { spans, records } = await traced(
        () =>
          gw.execute(
            'query Owner($s: String!) { flow(selector: $s) { user { name } } }',
            { s: flowId },
            { headers: { traceparent: `00-${CLIENT_TRACE}-${CLIENT_SPAN}-01` } },
          ),
        CLIENT_TRACE,
      );
      const execute = only(spans, (s) => s.name === 'graphql.execute');
      const attempts = childrenOf(spans, execute).filter((s) => s.name === 'GET /customers/{id}');
      expect(
        attempts.map((s) => ({
          status: s.attributes['http.response.status_code'],
          resend: s.attributes['http.request.resend_count'],
          errorType: s.attributes['error.type'],
          code: s.status.code,
        })),
      ).toEqual([
        { status: 503, resend: undefined, errorType: '503', code: ERROR },
        { status: 200, resend: 1, errorType: undefined, code: 0 },
      ]);
      const sent = records
        .filter((r) => r.path.startsWith('/customers/'))
        .map((r) => TRACEPARENT.exec(r.traceparent ?? '')?.[2]);
      expect(sent).toEqual(attempts.map((s) => s.spanId));
    } finally {
      remove();
    }
  });

  it('without a client traceparent the operation starts a trace of its own, and the upstream gets it', async () => {
    const { spans, records } = await traced(() => gw.execute('{ flow(selector: "x") { id } }'));
    const operation = only(spans, (s) => s.kind === SERVER);
    expect(operation.parentSpanId).toBe('');
    expect(operation.name).toBe('query');
    expect(operation.traceId).not.toBe(CLIENT_TRACE);
    expect(records.map((r) => TRACEPARENT.exec(r.traceparent ?? '')?.[1])).toEqual([
      operation.traceId,
    ]);
    // a 404 is a GraphQL error of the operation (NOT_FOUND) and an error of its call
    expect(operation.status.code).toBe(ERROR);
    expect(operation.attributes['graphql.error.codes']).toEqual(['NOT_FOUND']);
    const call = only(spans, (s) => s.kind === CLIENT);
    expect(call.attributes).toMatchObject({
      'http.response.status_code': 404,
      'error.type': '404',
    });
  });

  it("a client that does not sample: nothing is exported, the upstream still gets the client's trace, unsampled", async () => {
    const trace = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
    const { all, records } = await traced(() =>
      gw.execute(
        NESTED,
        { s: flowId },
        { headers: { traceparent: `00-${trace}-${CLIENT_SPAN}-00` } },
      ),
    );
    expect(all).toEqual([]);
    expect(records).toHaveLength(4);
    // no span is made for its calls: each carries the (unrecorded) operation's own span id
    const sent = new Set(records.map((r) => r.traceparent));
    expect(sent.size).toBe(1);
    const [, traceId, spanId, flags] = TRACEPARENT.exec(records[0]?.traceparent ?? '') ?? [];
    expect({ traceId, flags }).toEqual({ traceId: trace, flags: '00' });
    expect(spanId).not.toBe(CLIENT_SPAN);
  });

  it('a mutation: its write is a POST span under execute, and carries the trace upstream', async () => {
    const { spans, records } = await traced(
      () =>
        gw.execute(
          'mutation Refresh($s: String!) { refreshFlow(selector: $s) { id } }',
          { s: flowId },
          { headers: { traceparent: `00-${CLIENT_TRACE}-${CLIENT_SPAN}-01` } },
        ),
      CLIENT_TRACE,
    );
    const operation = only(spans, (s) => s.parentSpanId === CLIENT_SPAN);
    expect(operation.name).toBe('mutation Refresh');
    const execute = only(childrenOf(spans, operation), (s) => s.name === 'graphql.execute');
    const calls = childrenOf(spans, execute);
    expect(calls.map(callOf)).toContainEqual({
      name: 'POST /flows/{id}/refresh',
      method: 'POST',
      template: '/flows/{id}/refresh',
      status: 200,
    });
    expect(records.map((r) => TRACEPARENT.exec(r.traceparent ?? '')?.[2]).sort()).toEqual(
      calls.map((s) => s.spanId).sort(),
    );
  });

  it('runAction: the run is a POST span, its log a GET span, both under execute', async () => {
    const action = (gw.sandbox.data.actions ?? []).find(
      (a) => a.connectionId && a.state === 'READY' && !a.archivedAt && !a.inputSchema?.required,
    );
    const { spans } = await traced(
      () =>
        gw.execute(
          'mutation Run($s: String!) { runAction(selector: $s) { output log { status } } }',
          { s: String(action?.id) },
          { headers: { traceparent: `00-${CLIENT_TRACE}-${CLIENT_SPAN}-01` } },
        ),
      CLIENT_TRACE,
    );
    const operation = only(spans, (s) => s.parentSpanId === CLIENT_SPAN);
    expect(operation.name).toBe('mutation Run');
    const execute = only(childrenOf(spans, operation), (s) => s.name === 'graphql.execute');
    expect(childrenOf(spans, execute).map(callOf)).toEqual([
      {
        name: 'POST /actions/{id}/run',
        method: 'POST',
        template: '/actions/{id}/run',
        status: 200,
      },
      {
        name: 'GET /action-run-logs/{id}',
        method: 'GET',
        template: '/action-run-logs/{id}',
        status: 200,
      },
    ]);
  });

  it("Yoga's own path (a GET) is traced the same way", async () => {
    const query = encodeURIComponent('query ByGet { flow(selector: "x") { id } }');
    const { spans } = await traced(
      () =>
        fetch(`${gw.url}?query=${query}`, {
          headers: { traceparent: `00-${CLIENT_TRACE}-${CLIENT_SPAN}-01` },
        }),
      CLIENT_TRACE,
    );
    const operation = only(spans, (s) => s.parentSpanId === CLIENT_SPAN);
    expect(operation.name).toBe('query ByGet');
    const execute = only(childrenOf(spans, operation), (s) => s.name === 'graphql.execute');
    expect(childrenOf(spans, execute).map(callOf)).toEqual([
      { name: 'GET /flows/{id}', method: 'GET', template: '/flows/{id}', status: 404 },
    ]);
  });

  it('a request answered before parsing (an unknown documentId): its operation span still ends, as an error', async () => {
    const { spans, records } = await traced(
      () =>
        fetch(gw.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            traceparent: `00-${CLIENT_TRACE}-${CLIENT_SPAN}-01`,
          },
          body: JSON.stringify({ documentId: `sha256:${'0'.repeat(64)}` }),
        }),
      CLIENT_TRACE,
    );
    expect(spans.map((s) => ({ parent: s.parentSpanId, code: s.status.code }))).toEqual([
      { parent: CLIENT_SPAN, code: ERROR },
    ]);
    expect(spans[0]?.attributes['graphql.error.codes']).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    expect(records).toEqual([]);
  });

  it('an invalid document: the operation and its validation are errors, nothing executes or goes upstream', async () => {
    const { spans, records } = await traced(
      () =>
        gw.execute('{ flow(selector: "x") { noSuchField } }', undefined, {
          headers: { traceparent: `00-${CLIENT_TRACE}-${CLIENT_SPAN}-01` },
        }),
      CLIENT_TRACE,
    );
    const operation = only(spans, (s) => s.parentSpanId === CLIENT_SPAN);
    expect(operation.status.code).toBe(ERROR);
    expect(operation.attributes['graphql.error.codes']).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(
      childrenOf(spans, operation)
        .map((s) => ({ name: s.name, code: s.status.code }))
        .sort(byName),
    ).toEqual([
      { name: 'graphql.parse', code: 0 },
      { name: 'graphql.validate', code: ERROR },
    ]);
    expect(records).toEqual([]);
  });
});

describe('OpenTelemetry tracing: OTEL_TRACES_SAMPLER=always_off', () => {
  it('records and exports nothing, and the upstream still gets a (new, unsampled) trace context', async () => {
    const receiver = await startOtlpReceiver();
    const tracing = tracingWith({
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_TRACES_SAMPLER: 'always_off',
    });
    const gw = await startTestGateway({ tracing });
    try {
      const answer = await gw.execute(NESTED, { s: connectionFlowOf(gw) });
      expect(answer.errors).toBeUndefined();
      await tracing.flush();
      expect(receiver.exports()).toEqual([]);
      const sent = gw.records().map((r) => TRACEPARENT.exec(r.traceparent ?? '')?.slice(1));
      expect(sent).toHaveLength(4);
      expect(new Set(sent.map((t) => t?.join('-'))).size).toBe(1);
      expect(sent[0]?.[2]).toBe('00');
    } finally {
      await gw.close();
      await tracing.shutdown();
      await receiver.close();
    }
  });
});
