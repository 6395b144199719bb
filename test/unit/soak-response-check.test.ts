import { describe, expect, it } from 'vitest';
import { type Accept, checkAnswer, nullPropagated } from '../../bench/soak/response-check.js';

const JSON_TYPE = 'application/json; charset=utf-8';
const GQL_TYPE = 'application/graphql-response+json; charset=utf-8';

const answer = (
  body: unknown,
  { status = 200, accept = 'application/json' as Accept, contentType = JSON_TYPE } = {},
) => ({
  accept,
  status,
  contentType,
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

const notFound = {
  message: 'The Membrane API did not find this resource.',
  locations: [{ line: 1, column: 3 }],
  path: ['flow'],
  extensions: {
    code: 'NOT_FOUND',
    upstream: { status: 404, type: 'bad_request', key: 'not_found' },
  },
};

describe('checkAnswer (the soak: an answer as GraphQL over HTTP)', () => {
  it('accepts data, partial data with errors, and request errors with their codes', () => {
    expect(checkAnswer(answer({ data: { flow: { id: '1' } } }), [])).toEqual({
      problems: [],
      codes: [],
      json: { data: { flow: { id: '1' } } },
    });
    expect(checkAnswer(answer({ errors: [notFound], data: { flow: null } }), []).codes).toEqual([
      'NOT_FOUND',
    ]);
    const invalid = {
      errors: [
        { message: 'Cannot query field', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
      ],
    };
    expect(checkAnswer(answer(invalid), []).problems).toEqual([]);
    const strict = { accept: 'application/graphql-response+json' as Accept, contentType: GQL_TYPE };
    expect(checkAnswer(answer(invalid, { ...strict, status: 400 }), []).problems).toEqual([]);
  });

  it('names what is malformed', () => {
    const problems = (body: unknown, options = {}) =>
      checkAnswer(answer(body, options), []).problems;
    expect(problems('<html>')).toEqual(['body is not JSON (status 200)']);
    expect(problems([])).toEqual(['body is not a JSON object']);
    expect(problems({})).toEqual(['neither data nor errors']);
    expect(problems({ data: 1, extra: true })).toEqual([
      'unexpected top-level keys extra',
      'data is neither an object nor null',
    ]);
    expect(problems({ errors: [] })).toEqual(['errors is not a non-empty array']);
    expect(problems({ data: null, errors: [{ message: 'x' }] })).toEqual([
      'errors[0] has no known extensions.code (undefined)',
    ]);
    expect(
      problems({
        data: null,
        errors: [
          { message: '', locations: [{ line: 0 }], path: [{}], extensions: { code: 'NOPE' } },
        ],
      }),
    ).toEqual([
      'errors[0].message is not a non-empty string',
      'errors[0].locations is malformed',
      'errors[0].path is malformed',
      'errors[0] has no known extensions.code ("NOPE")',
    ]);
    expect(
      problems({
        data: null,
        errors: [
          { message: 'x', extensions: { code: 'OPERATION_LIMIT', upstream: {}, retryAfter: 3 } },
        ],
      }),
    ).toEqual([
      'errors[0].extensions.upstream is malformed for OPERATION_LIMIT',
      'errors[0].extensions.retryAfter on OPERATION_LIMIT',
    ]);
  });

  it('holds the HTTP status and the media type to the body', () => {
    const problems = (body: unknown, options = {}) =>
      checkAnswer(answer(body, options), []).problems;
    const requestError = { errors: [{ message: 'x', extensions: { code: 'BAD_USER_INPUT' } }] };
    expect(problems({ data: { a: 1 } }, { status: 400 })).toEqual([
      'HTTP 400 for a response with data',
    ]);
    expect(problems(requestError, { status: 500 })).toEqual(['HTTP 500 for a request error']);
    expect(
      problems(requestError, {
        accept: 'application/graphql-response+json',
        contentType: GQL_TYPE,
      }),
    ).toEqual(['HTTP 200 for a request error']);
    expect(problems({ data: {} }, { contentType: GQL_TYPE })).toEqual([
      `content-type ${GQL_TYPE} for Accept application/json`,
    ]);
    expect(
      problems({ ...requestError, errors: [{ ...requestError.errors[0], path: ['a'] }] }),
    ).toEqual(['errors[0] has a path in a request error']);
  });

  it('finds secrets anywhere and stacks in errors', () => {
    const leaky = {
      data: { note: 'see http://127.0.0.1:4010' },
      errors: [
        { message: 'x', extensions: { code: 'UPSTREAM_ERROR', stack: '    at f (a.js:1)' } },
      ],
    };
    expect(checkAnswer(answer(leaky), ['127.0.0.1:4010']).problems).toEqual([
      'the answer contains "127.0.0.1:4010"',
      'an error carries "    at "',
      'an error carries "\\"stack\\""',
    ]);
  });

  it('sees a null that climbed from a non-null field to its parent', () => {
    const error = (path: (string | number)[]) => ({
      message: 'x',
      path,
      extensions: { code: 'NOT_FOUND' },
    });
    expect(nullPropagated({ data: { flow: null }, errors: [error(['flow'])] })).toBe(false);
    expect(nullPropagated({ data: null, errors: [error(['flows'])] })).toBe(true);
    expect(
      nullPropagated({
        data: { flows: { nodes: [{ id: '1' }, null] } },
        errors: [error(['flows', 'nodes', 1, 'instances'])],
      }),
    ).toBe(true);
    expect(
      nullPropagated({
        data: { flows: { nodes: [{ id: '1', integration: null }] } },
        errors: [error(['flows', 'nodes', 0, 'integration'])],
      }),
    ).toBe(false);
    expect(
      nullPropagated({ errors: [{ message: 'x', extensions: { code: 'BAD_REQUEST' } }] }),
    ).toBe(false);
  });
});
