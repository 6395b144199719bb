/**
 * The official SDK's zod schemas, made strict at the top level so that a response with a key
 * the SDK does not know fails (the SDK's own schemas silently strip unknown keys).
 */
import {
  ActionApiResponse,
  ActionRunLogRecordApiResponse,
  ActionRunResponse,
  BaseAction,
  BaseConnection,
  BaseCustomer,
  BaseIntegration,
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
export const strictAction = ActionApiResponse.strict();
export const strictActionRunLog = ActionRunLogRecordApiResponse.strict();
export const strictActionRun = ActionRunResponse.strict();

/**
 * Strict at the top and in every embed: an action or run log whose embedded action,
 * integration, connection or user carries a key the SDK does not know fails too.
 */
const STRICT_EMBEDS: Record<string, z.ZodTypeAny> = {
  integration: BaseIntegration.strict(),
  user: BaseCustomer.strict(),
  connection: BaseConnection.strict(),
  parent: BaseAction.strict(),
  action: BaseAction.strict(),
  actionInstance: BaseAction.strict(),
};

export function deepIssues(schema: z.ZodTypeAny, value: unknown): string {
  const own = schemaIssues(schema, value);
  const body = (typeof value === 'object' && value !== null ? value : {}) as Record<
    string,
    unknown
  >;
  const nested = Object.entries(STRICT_EMBEDS)
    .filter(([key]) => body[key] !== undefined)
    .map(([key, embed]) => schemaIssues(embed, body[key]))
    .filter((issues) => issues !== '');
  const applied = Array.isArray(body.appliedToIntegrations) ? body.appliedToIntegrations : [];
  const appliedIssues = applied
    .map((entry: { element?: unknown; integration?: unknown }) =>
      [
        schemaIssues(BaseAction.strict(), entry.element),
        schemaIssues(BaseIntegration.strict(), entry.integration),
      ].join(''),
    )
    .filter((issues) => issues !== '');
  return [own, ...nested, ...appliedIssues].filter((issues) => issues !== '').join('\n');
}
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
