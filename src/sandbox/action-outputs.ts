/**
 * What a sandbox action run answers: a deterministic output computed from the action's type,
 * its config and the input (same action and input, same output), and the input check that
 * comes before it.
 */
import { createHash } from 'node:crypto';
import type { ErrorData, WireAction } from './types.js';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** JSON with object keys sorted, so equal inputs hash equally whatever their key order. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(stableJson).join(',')}]`;
  }
  if (isObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stableJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** 10 hex digits of sha256(action id, input): the seed of every generated id. */
export function runDigest(action: WireAction, input: unknown): string {
  return createHash('sha256')
    .update(`${action.id}\n${stableJson(input)}`)
    .digest('hex')
    .slice(0, 10);
}

/** The `required` properties of an object input schema that the input lacks. */
export function inputError(action: WireAction, input: unknown): ErrorData | undefined {
  const required = action.inputSchema?.required;
  if (!Array.isArray(required) || required.length === 0) {
    return undefined;
  }
  const missing = required.filter(
    (name): name is string =>
      typeof name === 'string' && (!isObject(input) || input[name] === undefined),
  );
  if (missing.length === 0) {
    return undefined;
  }
  return {
    type: 'action_run',
    key: 'invalid_input',
    message: `Input is missing required field(s): ${missing.join(', ')}`,
  };
}

function collectionOf(action: WireAction): string {
  const source = action.config?.dataSource;
  const key = isObject(source) ? source.collectionKey : undefined;
  return typeof key === 'string' ? key : 'records';
}

function field(input: unknown, name: string): unknown {
  return isObject(input) ? input[name] : undefined;
}

export function actionOutput(action: WireAction, input: unknown): unknown {
  const digest = runDigest(action, input);
  const collection = collectionOf(action);
  const recordId = `${collection}_${digest}`;
  switch (action.type) {
    case 'list-data-records': {
      const limit = field(input, 'limit');
      const count = typeof limit === 'number' && limit >= 0 ? Math.min(limit, 3) : 3;
      return {
        records: Array.from({ length: count }, (_, i) => ({
          id: `${recordId}_${i + 1}`,
          name: `${collection} ${i + 1}`,
        })),
      };
    }
    case 'find-data-record-by-id':
      return { record: { id: field(input, 'id'), name: `${collection} ${digest}` } };
    case 'match-data-record':
      return { record: { id: recordId, fields: field(input, 'fields') ?? {} } };
    case 'create-data-record':
      return { id: recordId };
    case 'find-or-create-data-record':
      return { id: recordId, created: Number.parseInt(digest.charAt(0), 16) % 2 === 0 };
    case 'update-data-record':
      return { id: field(input, 'id') };
    case 'delete-data-record':
      return { id: field(input, 'id'), deleted: true };
    case 'search-data-record':
      return {
        records: [1, 2].map((i) => ({
          id: `${recordId}_${i}`,
          name: `${String(field(input, 'query') ?? '')} ${i}`,
        })),
      };
    case 'run-javascript': {
      const value = field(input, 'record') ?? input;
      return { result: { keys: isObject(value) ? Object.keys(value).sort() : [] } };
    }
    case 'connector-operation':
      return { operation: action.config?.operationKey ?? action.key ?? null, result: input ?? {} };
    default: {
      const request = action.config?.request;
      return {
        status: 200,
        request: isObject(request) ? request : {},
        data: { echo: input ?? null, requestId: `req_${digest}` },
      };
    }
  }
}

const RECORD = { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } };

/** The schema of what `actionOutput` answers for a type (seeded as `outputSchema`). */
export function outputSchemaOf(type: WireAction['type']): Record<string, unknown> {
  const object = (properties: Record<string, unknown>) => ({ type: 'object', properties });
  switch (type) {
    case 'list-data-records':
    case 'search-data-record':
      return object({ records: { type: 'array', items: RECORD } });
    case 'find-data-record-by-id':
    case 'match-data-record':
      return object({ record: RECORD });
    case 'create-data-record':
    case 'update-data-record':
      return object({ id: { type: 'string' } });
    case 'find-or-create-data-record':
      return object({ id: { type: 'string' }, created: { type: 'boolean' } });
    case 'delete-data-record':
      return object({ id: { type: 'string' }, deleted: { type: 'boolean' } });
    case 'run-javascript':
      return object({ result: { type: 'object' } });
    case 'connector-operation':
      return object({ operation: { type: 'string' }, result: { type: 'object' } });
    default:
      return object({ status: { type: 'integer' }, request: { type: 'object' }, data: {} });
  }
}
