import {
  type FieldNode,
  GraphQLError,
  Kind,
  type OperationDefinitionNode,
  parse,
  type VariableDefinitionNode,
} from 'graphql';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/errors.js';
import { createMaskError } from '../../src/http/mask-error.js';

/** A real pino logger that keeps its JSON lines. */
function capture() {
  const lines: Record<string, unknown>[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { mask: createMaskError(log, { maxRequestBytes: 1_048_576 }), lines };
}

const node: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: 'flow' } };

/** What graphql-js wraps a resolver error in. */
const fromResolver = (original: Error) =>
  new GraphQLError(original.message, { nodes: [node], path: ['flow'], originalError: original });

describe('createMaskError', () => {
  it('turns a GatewayError from a resolver into its code, upstream info and retryAfter', () => {
    const { mask, lines } = capture();
    const original = new GatewayError(
      'RATE_LIMITED',
      'The Membrane API rate limit was exceeded; retry later.',
      { status: 429, type: 'bad_request', key: 'rate_limit_exceeded' },
      7,
    );
    const masked = mask(fromResolver(original), 'Unexpected error.') as GraphQLError;
    expect(masked).toBeInstanceOf(GraphQLError);
    expect(masked.toJSON()).toEqual({
      message: 'The Membrane API rate limit was exceeded; retry later.',
      path: ['flow'],
      extensions: {
        code: 'RATE_LIMITED',
        upstream: { status: 429, type: 'bad_request', key: 'rate_limit_exceeded' },
        retryAfter: 7,
      },
    });
    expect(masked.nodes).toEqual([node]);
    expect(lines).toEqual([]);
  });

  it('keeps retryAfter 0 and leaves out upstream when there is none', () => {
    const { mask } = capture();
    const limited = new GatewayError('RATE_LIMITED', 'limited', { status: 429 }, 0);
    expect((mask(fromResolver(limited), 'x') as GraphQLError).extensions).toEqual({
      code: 'RATE_LIMITED',
      upstream: { status: 429 },
      retryAfter: 0,
    });
    const input = new GatewayError('BAD_USER_INPUT', 'first must be between 1 and 100.');
    expect((mask(fromResolver(input), 'x') as GraphQLError).extensions).toEqual({
      code: 'BAD_USER_INPUT',
    });
  });

  it('maps a bare GatewayError (thrown outside execution) too', () => {
    const { mask } = capture();
    const masked = mask(new GatewayError('UNAUTHENTICATED', 'No credential.'), 'x');
    expect((masked as GraphQLError).toJSON()).toEqual({
      message: 'No credential.',
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it('drops the cause of a GatewayError (it may hold an upstream URL)', () => {
    const { mask } = capture();
    const original = new GatewayError('UPSTREAM_ERROR', 'The Membrane API could not be reached.');
    original.cause = new Error('connect ECONNREFUSED http://10.0.0.1:4010/flows/abc');
    const json = JSON.stringify(mask(fromResolver(original), 'x'));
    expect(json).not.toContain('10.0.0.1');
    expect(json).not.toContain('ECONNREFUSED');
  });

  it('masks any other resolver error as INTERNAL_SERVER_ERROR and logs it', () => {
    const { mask, lines } = capture();
    const original = new TypeError('Cannot read properties of undefined (token=abc)');
    const masked = mask(fromResolver(original), 'Unexpected error.') as GraphQLError;
    expect(masked.message).toBe('Unexpected error.');
    expect(masked.path).toEqual(['flow']);
    expect(masked.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', unexpected: true });
    expect(JSON.stringify(masked)).not.toContain('token=abc');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 50,
      msg: 'unexpected error in a resolver',
      err: { type: 'TypeError', message: 'Cannot read properties of undefined (token=abc)' },
    });
  });

  it('never shows the original error or its stack, even in development mode', () => {
    const { mask } = capture();
    const original = new Error('boom at http://127.0.0.1:4010 with Bearer abc');
    for (const error of [fromResolver(original), original]) {
      const json = JSON.stringify(mask(error, 'Unexpected error.', true));
      expect(json).not.toContain('boom');
      expect(json).not.toContain('stack');
      expect(json).not.toContain('Bearer');
      expect(JSON.parse(json).extensions).toEqual({
        code: 'INTERNAL_SERVER_ERROR',
        unexpected: true,
      });
    }
  });

  it('gives a variable coercion error BAD_USER_INPUT, its message and location unchanged', () => {
    const { mask, lines } = capture();
    const document = parse('query ($n: Int) { flows(first: $n) { nodes { id } } }');
    const definition = (document.definitions[0] as OperationDefinitionNode)
      .variableDefinitions?.[0] as VariableDefinitionNode;
    // as graphql-js's getVariableValues builds it
    const message =
      'Variable "$n" got invalid value "x"; Int cannot represent non-integer value: "x"';
    const coercion = new GraphQLError(message, {
      nodes: [definition],
      originalError: new GraphQLError('Int cannot represent non-integer value: "x"'),
    });
    // `http` sets the status (400 for application/graphql-response+json, as for a validation
    // error) and never reaches the wire: Yoga drops it
    const http = { spec: true, status: 400 };
    expect((mask(coercion, 'Unexpected error.') as GraphQLError).toJSON()).toEqual({
      message,
      locations: [{ line: 1, column: 8 }],
      extensions: { code: 'BAD_USER_INPUT', http },
    });
    const limit = new GraphQLError(
      'Too many errors processing variables, error limit reached. Execution aborted.',
    );
    expect((mask(limit, 'x') as GraphQLError).extensions).toEqual({ code: 'BAD_USER_INPUT', http });
    expect(lines).toEqual([]);
  });

  it('leaves a variable error caused by a non-GraphQL error to masking', () => {
    const { mask } = capture();
    const document = parse('query ($n: Int) { __typename }');
    const definition = (document.definitions[0] as OperationDefinitionNode)
      .variableDefinitions?.[0] as VariableDefinitionNode;
    const masked = mask(
      new GraphQLError('Variable "$n" got invalid value 1; boom', {
        nodes: [definition],
        originalError: new TypeError('boom'),
      }),
      'Unexpected error.',
    ) as GraphQLError;
    expect([masked.message, masked.extensions.code]).toEqual([
      'Unexpected error.',
      'INTERNAL_SERVER_ERROR',
    ]);
  });

  it('passes GraphQL errors of its own (validation, syntax) through unchanged', () => {
    const { mask, lines } = capture();
    const validation = new GraphQLError('Cannot query field "nope" on type "Flow".', {
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect(mask(validation, 'Unexpected error.')).toBe(validation);
    expect(lines).toEqual([]);
  });
});
