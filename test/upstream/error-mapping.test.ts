import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/errors.js';
import {
  parseRetryAfter,
  transportErrorFrom,
  upstreamErrorFrom,
} from '../../src/upstream/error-mapping.js';

const plain = (e: GatewayError) => ({
  code: e.code,
  message: e.message,
  upstream: e.upstream,
  retryAfter: e.retryAfter,
});

describe('upstreamErrorFrom', () => {
  it.each([
    [400, 'BAD_USER_INPUT', 'The Membrane API rejected the request as invalid.'],
    [401, 'UNAUTHENTICATED', 'The Membrane API did not accept the credentials.'],
    [403, 'FORBIDDEN', 'The Membrane API denied access to this resource.'],
    [404, 'NOT_FOUND', 'The Membrane API did not find this resource.'],
    [
      409,
      'CONFLICT',
      'The Membrane API reported a conflict with the current state of this resource.',
    ],
    [429, 'RATE_LIMITED', 'The Membrane API rate limit was exceeded; retry later.'],
    [500, 'UPSTREAM_ERROR', 'The Membrane API failed to answer this request.'],
    [502, 'UPSTREAM_ERROR', 'The Membrane API failed to answer this request.'],
    [301, 'UPSTREAM_ERROR', 'The Membrane API failed to answer this request.'],
    [418, 'UPSTREAM_ERROR', 'The Membrane API failed to answer this request.'],
  ])('%i → %s', (status, code, message) => {
    expect(plain(upstreamErrorFrom(status, undefined))).toEqual({
      code,
      message,
      upstream: { status },
      retryAfter: undefined,
    });
  });

  it('keeps string type and key, never the upstream message or data', () => {
    const body = {
      type: 'bad_request',
      key: 'not_found',
      message: 'Flow secret-x not found',
      data: { a: 1 },
    };
    const error = upstreamErrorFrom(404, body);
    expect(plain(error)).toEqual({
      code: 'NOT_FOUND',
      message: 'The Membrane API did not find this resource.',
      upstream: { status: 404, type: 'bad_request', key: 'not_found' },
      retryAfter: undefined,
    });
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain('secret-x');
  });

  it('ignores non-string type/key and non-object bodies', () => {
    expect(upstreamErrorFrom(400, { type: 1, key: ['x'] }).upstream).toEqual({ status: 400 });
    expect(upstreamErrorFrom(400, 'text').upstream).toEqual({ status: 400 });
    expect(upstreamErrorFrom(400, null).upstream).toEqual({ status: 400 });
  });

  it.each([
    [400, { type: 'bad_request', key: 'already_exists' }],
    [422, { type: 'bad_request', key: 'already_exists' }],
    [500, { type: 'concurrency', key: 'lock_timeout' }],
    [400, { type: 'concurrency' }],
  ])('%i %j → CONFLICT', (status, body) => {
    const error = upstreamErrorFrom(status, body);
    expect(error.code).toBe('CONFLICT');
    expect(error.upstream).toEqual({ status, ...body });
  });

  it('429 carries Retry-After as seconds (delta and HTTP-date)', () => {
    expect(upstreamErrorFrom(429, {}, '7').retryAfter).toBe(7);
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    const fromDate = upstreamErrorFrom(429, {}, inTenSeconds).retryAfter;
    expect(fromDate === 9 || fromDate === 10).toBe(true);
    expect(upstreamErrorFrom(429, {}, 'soon').retryAfter).toBeUndefined();
    expect(upstreamErrorFrom(503, {}, '7').retryAfter).toBeUndefined();
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  it.each([
    ['0', 0],
    ['1', 1],
    [' 120 ', 120],
    ['Wed, 01 Jan 2025 00:00:30 GMT', 30],
    ['Tue, 31 Dec 2024 23:00:00 GMT', 0],
    ['-1', undefined],
    ['1.5', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%j → %j', (header, seconds) => {
    expect(parseRetryAfter(header, now)).toBe(seconds);
  });
});

describe('transportErrorFrom', () => {
  const withCode = (code: string) => Object.assign(new Error('x'), { code });
  it.each([
    ['UND_ERR_HEADERS_TIMEOUT', 'UPSTREAM_TIMEOUT'],
    ['UND_ERR_BODY_TIMEOUT', 'UPSTREAM_TIMEOUT'],
    ['UND_ERR_CONNECT_TIMEOUT', 'UPSTREAM_TIMEOUT'],
    ['ECONNREFUSED', 'UPSTREAM_ERROR'],
    ['ECONNRESET', 'UPSTREAM_ERROR'],
    ['UND_ERR_SOCKET', 'UPSTREAM_ERROR'],
    ['UND_ERR_RES_CONTENT_LENGTH_MISMATCH', 'UPSTREAM_ERROR'],
  ])('%s → %s', (code, expected) => {
    const error = transportErrorFrom(withCode(code));
    expect(error.code).toBe(expected);
    expect(error.upstream).toBeUndefined();
  });

  it('bad JSON → UPSTREAM_ERROR with a fixed message', () => {
    expect(plain(transportErrorFrom(new SyntaxError('Unexpected token < in JSON')))).toEqual({
      code: 'UPSTREAM_ERROR',
      message: 'The Membrane API returned an unreadable answer.',
      upstream: undefined,
      retryAfter: undefined,
    });
  });

  it('an abort by the deadline is UPSTREAM_TIMEOUT; another abort is a cancellation', () => {
    const deadline = new AbortController();
    deadline.abort(new DOMException('deadline', 'TimeoutError'));
    expect(transportErrorFrom(new Error('aborted'), deadline.signal).code).toBe('UPSTREAM_TIMEOUT');
    const client = new AbortController();
    client.abort();
    expect(plain(transportErrorFrom(new Error('aborted'), client.signal))).toEqual({
      code: 'UPSTREAM_ERROR',
      message: 'The Membrane API call was cancelled.',
      upstream: undefined,
      retryAfter: undefined,
    });
  });

  it('a GatewayError (as error or as abort reason) passes through', () => {
    const budget = new GatewayError('OPERATION_LIMIT', 'limit');
    expect(transportErrorFrom(budget)).toBe(budget);
    const controller = new AbortController();
    controller.abort(budget);
    expect(transportErrorFrom(new Error('aborted'), controller.signal)).toBe(budget);
  });

  it('a socket failure while reading the body is an unreadable answer, not an unreachable API', () => {
    const reset = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
    expect(transportErrorFrom(reset).message).toBe('The Membrane API could not be reached.');
    const cut = transportErrorFrom(reset, undefined, 'body');
    expect([cut.code, cut.message]).toEqual([
      'UPSTREAM_ERROR',
      'The Membrane API returned an unreadable answer.',
    ]);
    const slow = transportErrorFrom(
      Object.assign(new Error('body timeout'), { code: 'UND_ERR_BODY_TIMEOUT' }),
      undefined,
      'body',
    );
    expect(slow.code).toBe('UPSTREAM_TIMEOUT');
  });

  it('never copies the original message', () => {
    const error = transportErrorFrom(new Error('connect ECONNREFUSED Bearer secret'));
    expect(error.message).toBe('The Membrane API could not be reached.');
  });
});
