import type { ObjectRef } from '@pothos/core';
import { builder, type Types } from '../builder.js';
import type {
  UpstreamConnection,
  UpstreamCustomer,
  UpstreamIntegration,
} from '../upstream/schemas.js';
import { ElementState } from './enums.js';
import {
  Connection,
  ConnectionSpec,
  Integration,
  IntegrationSpec,
  User,
  UserSpec,
} from './refs.js';
import { type EntitySpec, related, resolveRelated } from './relations.js';
import { booleanFields, dateFields, idFields, jsonFields, stringFields } from './scalar-fields.js';
import { ErrorInfo, errorList } from './shared.js';

type Fields<T extends object> = PothosSchemaTypes.ObjectFieldBuilder<Types, T>;

/** The fields every workspace element has (flows, integrations): the seed page's common block. */
export function elementFields<T extends { state?: string; errors?: unknown }>(t: Fields<T>) {
  return {
    ...stringFields(t, ['uuid', 'key', 'description', 'revision']),
    ...jsonFields(t, ['meta']),
    state: t.field({
      type: ElementState.ref,
      description: 'Setup state; null for a state this gateway does not know yet.',
      resolve: (e, _, ctx) => ElementState.read(e.state, ctx),
    }),
    errors: t.field({
      type: [ErrorInfo],
      description: 'Validation or setup errors when state is not READY.',
      resolve: (e) => errorList(e.errors),
    }),
    ...dateFields(t, ['createdAt', 'updatedAt', 'archivedAt']),
    ...booleanFields(t, ['isDeactivated', 'isReadOnly']),
  };
}

/** What an element of the universal → integration → connection layers carries (§2.2). */
interface LayeredElementShape {
  state?: string;
  errors?: unknown;
  integrationId?: string;
  connectionId?: string;
  userId?: string;
  tenantId?: string;
  integration?: UpstreamIntegration;
  connection?: UpstreamConnection;
  user?: UpstreamCustomer;
}

/**
 * The fields and relations every layered element type has (flows, actions …): its layer's ids
 * and keys, and its integration, connection and tenant by the one relation rule. `noun` words
 * the descriptions ("flow").
 */
export function layeredElementFields<T extends LayeredElementShape>(t: Fields<T>, noun: string) {
  return {
    ...elementFields(t),
    ...idFields(t, ['integrationId', 'connectionId', 'externalAppId', 'userId', 'tenantId']),
    ...stringFields(t, ['integrationUuid', 'integrationKey', 'parentUuid', 'parentKey']),
    ...stringFields(t, ['instanceKey', 'externalAppUuid', 'externalAppKey']),
    ...booleanFields(t, ['isUniversal', 'isCustomized']),
    integration: t.field({
      type: Integration,
      description: `The integration of an integration-specific or connection-level ${noun}.`,
      resolve: related(
        IntegrationSpec,
        (e: T) => e.integrationId,
        (e) => e.integration,
      ),
    }),
    connection: t.field({
      type: Connection,
      description: `The connection of a connection-level ${noun} (${noun} instance).`,
      resolve: related(
        ConnectionSpec,
        (e: T) => e.connectionId,
        (e) => e.connection,
      ),
    }),
    user: t.field({
      type: User,
      description: `The tenant (customer) that owns a connection-level ${noun}.`,
      resolve: related(
        UserSpec,
        (e: T) => e.userId ?? e.tenantId,
        (e) => e.user,
      ),
    }),
  };
}

interface AppliedShape<E> {
  element: E;
  integration?: UpstreamIntegration;
}

/**
 * `{ element, integration }`: an integration-specific version of a universal element, as the
 * API embeds them in `appliedToIntegrations`.
 */
export function appliedToIntegrationType<E extends { id: string; integrationId?: string }, R>(
  name: string,
  elementRef: ObjectRef<Types, R, E>,
  spec: EntitySpec<E>,
  description: string,
) {
  return builder.objectRef<AppliedShape<E>>(name).implement({
    description,
    fields: (t) => ({
      element: t.field({
        type: elementRef,
        nullable: false,
        // `as never`: TypeScript cannot evaluate Pothos's resolver-result type for a generic E
        resolve: (a, _, ctx, info) =>
          (resolveRelated(spec, ctx, info, a.element.id, a.element) ?? a.element) as never,
      }),
      integration: t.field({
        type: Integration,
        resolve: (a, _, ctx, info) =>
          resolveRelated(
            IntegrationSpec,
            ctx,
            info,
            a.integration?.id ?? a.element.integrationId,
            a.integration,
          ),
      }),
    }),
  });
}
