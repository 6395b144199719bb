import { byCreatedThenId } from './pagination.js';
import type { Principal, Store } from './store.js';
import type {
  WireConnection,
  WireCustomer,
  WireFlow,
  WireFlowRun,
  WireIntegration,
} from './types.js';

/** Which responses carry embeds: only refresh (like the real API), or every flow/connection read. */
export type EmbedMode = 'refresh' | 'all';

/** BaseIntegration: an integration without its `connection` embed. */
export function baseIntegration(integration: WireIntegration): WireIntegration {
  const { connection: _connection, ...base } = integration as WireIntegration & {
    connection?: unknown;
  };
  return base;
}

/** BaseConnection: no `user`/`integration` embeds and never the credentials. */
export function baseConnection(connection: WireConnection): WireConnection {
  const {
    user: _user,
    integration: _integration,
    credentials: _credentials,
    ...base
  } = connection as WireConnection & { user?: unknown; integration?: unknown };
  return base;
}

/** The embedded customer (`user`): BaseCustomer without the secret credentials. */
export function baseCustomer(customer: WireCustomer): WireCustomer {
  const { credentials: _credentials, ...base } = customer;
  return base;
}

/** BaseFlow: a flow without any embeds. */
export function baseFlow(flow: WireFlow): WireFlow {
  const {
    integration: _i,
    appliedToIntegrations: _a,
    user: _u,
    connection: _c,
    flow: _f,
    ...base
  } = flow as WireFlow & Record<string, unknown>;
  return base as WireFlow;
}

/** A flow with the five embeds of the refresh response (membrane-api.md §5.7). */
export function flowWithEmbeds(
  store: Store,
  flow: WireFlow,
  versions?: VersionIndex,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...baseFlow(flow) };
  const integration =
    flow.integrationId === undefined ? undefined : store.integrationById.get(flow.integrationId);
  if (integration !== undefined) {
    out.integration = baseIntegration(integration);
  }
  const universal =
    flow.isUniversal === true && flow.integrationId === undefined
      ? flow
      : flow.universalFlowId === undefined
        ? undefined
        : store.flowById.get(flow.universalFlowId);
  if (universal !== undefined) {
    const applied = (versions ?? versionsByUniversalFlow(store)).get(universal.id) ?? [];
    if (applied.length > 0) {
      out.appliedToIntegrations = applied;
    }
  }
  const connection =
    flow.connectionId === undefined ? undefined : store.connectionById.get(flow.connectionId);
  if (connection !== undefined) {
    out.connection = baseConnection(connection);
    const user = store.customerById.get(flow.userId ?? connection.userId);
    if (user !== undefined) {
      out.user = baseCustomer(user);
    }
  }
  const parent = flow.flowId === undefined ? undefined : store.flowById.get(flow.flowId);
  if (parent !== undefined) {
    out.flow = baseFlow(parent);
  }
  return out;
}

/** A connection with `user` and `integration` embeds ('all' mode). */
export function connectionWithEmbeds(
  store: Store,
  connection: WireConnection,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...connection };
  const user = store.customerById.get(connection.userId);
  if (user !== undefined) {
    out.user = baseCustomer(user);
  }
  const integration =
    connection.integrationId === undefined
      ? undefined
      : store.integrationById.get(connection.integrationId);
  if (integration !== undefined) {
    out.integration = baseIntegration(integration);
  }
  return out;
}

/** For tenant tokens: the integration plus that tenant's first live connection to it. */
export function integrationForPrincipal(
  store: Store,
  principal: Principal,
  integration: WireIntegration,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...baseIntegration(integration) };
  if (principal.kind === 'tenant') {
    const mine = store.data.connections
      .filter(
        (c) =>
          c.userId === principal.customer.id &&
          c.integrationId === integration.id &&
          c.archivedAt === undefined,
      )
      .sort(byCreatedThenId)[0];
    if (mine !== undefined) {
      out.connection = baseConnection(mine);
    }
  }
  return out;
}

type AppliedEntry = { element: WireFlow; integration: WireIntegration };
/** Live integration-level versions of each universal flow, with their integrations. */
export type VersionIndex = Map<string, AppliedEntry[]>;

/** Built once per response: a list page embeds versions for many flows (one pass, not one per item). */
export function versionsByUniversalFlow(store: Store): VersionIndex {
  const index: VersionIndex = new Map();
  const versions = store.data.flows
    .filter(
      (f) =>
        f.universalFlowId !== undefined &&
        f.integrationId !== undefined &&
        f.connectionId === undefined &&
        f.archivedAt === undefined,
    )
    .sort(byCreatedThenId);
  for (const element of versions) {
    const target = store.integrationById.get(element.integrationId ?? '');
    if (target !== undefined && element.universalFlowId !== undefined) {
      const entries = index.get(element.universalFlowId) ?? [];
      entries.push({ element: baseFlow(element), integration: baseIntegration(target) });
      index.set(element.universalFlowId, entries);
    }
  }
  return index;
}

/** A flow run with its four embeds: `flowInstance`, `connection`, `integration`, `user` (§5.7). */
export function flowRunWithEmbeds(store: Store, run: WireFlowRun): Record<string, unknown> {
  const out: Record<string, unknown> = { ...run };
  const instance = store.flowById.get(run.connectionFlowId);
  if (instance !== undefined) {
    out.flowInstance = baseFlow(instance);
  }
  const connection =
    run.connectionId === undefined ? undefined : store.connectionById.get(run.connectionId);
  if (connection !== undefined) {
    out.connection = baseConnection(connection);
  }
  const integration =
    run.integrationId === undefined ? undefined : store.integrationById.get(run.integrationId);
  if (integration !== undefined) {
    out.integration = baseIntegration(integration);
  }
  const user = store.customerById.get(run.userId);
  if (user !== undefined) {
    out.user = baseCustomer(user);
  }
  return out;
}
