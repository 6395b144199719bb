/**
 * The official SDK's zod schemas, made strict at the top level so that a response with a key
 * the SDK does not know fails (the SDK's own schemas silently strip unknown keys).
 */
import {
  ConnectionApiResponse,
  ConnectionApiResponseWithSecrets,
  CustomerApiResponse,
  createPaginationResponseSchema,
  ErrorDataSchema,
  FlowApiResponse,
  IntegrationApiResponse,
  IntegrationListItem,
} from '@membranehq/sdk';
import type { z } from 'zod';

export const strictFlow = FlowApiResponse.strict();
export const strictIntegration = IntegrationApiResponse.strict();
export const strictIntegrationListItem = IntegrationListItem.strict();
export const strictConnection = ConnectionApiResponse.strict();
export const strictConnectionWithSecrets = ConnectionApiResponseWithSecrets.strict();
export const strictCustomer = CustomerApiResponse.strict();
export { ErrorDataSchema };

/** `{ items, cursor? }` with strict items and no other top-level key. */
export function strictPage<T extends z.ZodTypeAny>(item: T) {
  return createPaginationResponseSchema(item).strict();
}

/** The issues of a failed parse as short `path: message` lines ('' when it passed). */
export function schemaIssues(schema: z.ZodTypeAny, value: unknown): string {
  const result = schema.safeParse(value);
  if (result.success) {
    return '';
  }
  return result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n');
}
