import { builder } from '../builder.js';
import type { UpstreamErrorData } from '../upstream/schemas.js';
import { ClientActionType, ErrorType } from './enums.js';
import { stringFields } from './scalar-fields.js';

type ErrorShape = UpstreamErrorData & { causedByError?: unknown; stack?: unknown; logs?: unknown };

export const ErrorInfo = builder.objectRef<ErrorShape>('ErrorInfo');
ErrorInfo.implement({
  description: 'An element-level error as Membrane reports it (`errors[]`, `requestError`).',
  fields: (t) => ({
    message: t.string({ resolve: (e) => e.message ?? null }),
    type: t.field({ type: ErrorType.ref, resolve: (e, _, ctx) => ErrorType.read(e.type, ctx) }),
    ...stringFields(t, ['key']),
    data: t.field({ type: 'JSON', resolve: (e) => e.data }),
    stack: t.field({ type: 'JSON', resolve: (e) => e.stack }),
    logs: t.field({ type: ['JSON'], resolve: (e) => (Array.isArray(e.logs) ? e.logs : null) }),
    causedByError: t.field({
      type: ErrorInfo,
      resolve: (e) => (isObject(e.causedByError) ? (e.causedByError as ErrorShape) : null),
    }),
  }),
});

interface ClientActionShape {
  type?: string;
  description?: string;
  uiUrl?: string;
  agentInstructions?: string;
  handoffAgentInstructions?: unknown;
}

export const ClientAction = builder.objectRef<ClientActionShape>('ClientAction').implement({
  description: 'What the user must do before a connection can be used.',
  fields: (t) => ({
    type: t.field({
      type: ClientActionType.ref,
      resolve: (a, _, ctx) => ClientActionType.read(a.type, ctx),
    }),
    ...stringFields(t, ['description', 'uiUrl', 'agentInstructions', 'handoffAgentInstructions']),
  }),
});

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Element-level errors are data (design §5): a malformed list entry is skipped, not fatal. */
export function errorList(errors: unknown): ErrorShape[] | null {
  return Array.isArray(errors) ? errors.filter(isObject).map((e) => e as ErrorShape) : null;
}
