import { byCreatedThenId } from './pagination.js';
import type { Principal, Store } from './store.js';
import type {
  WireAction,
  WireActionRunLog,
  WireConnection,
  WireCustomer,
  WireFlow,
  WireFlowRun,
  WireIntegration,
  WireLayeredElement,
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

type AppliedEntry<T> = { element: T; integration: WireIntegration };
/** Live integration-level versions of each universal element, with their integrations. */
export type VersionIndex<T = WireFlow> = Map<string, AppliedEntry<T>[]>;

/** Built once per response: a list page embeds versions for many elements (one pass, not one per item). */
function versionsByUniversal<T extends WireLayeredElement>(
  store: Store,
  elements: T[],
  universalIdOf: (element: T) => string | undefined,
  base: (element: T) => T,
): VersionIndex<T> {
  const index: VersionIndex<T> = new Map();
  const versions = elements
    .filter(
      (f) =>
        universalIdOf(f) !== undefined &&
        f.integrationId !== undefined &&
        f.connectionId === undefined &&
        f.archivedAt === undefined,
    )
    .sort(byCreatedThenId);
  for (const element of versions) {
    const target = store.integrationById.get(element.integrationId ?? '');
    const universalId = universalIdOf(element);
    if (target !== undefined && universalId !== undefined) {
      const entries = index.get(universalId) ?? [];
      entries.push({ element: base(element), integration: baseIntegration(target) });
      index.set(universalId, entries);
    }
  }
  return index;
}

export function versionsByUniversalFlow(store: Store): VersionIndex {
  return versionsByUniversal(store, store.data.flows, (f) => f.universalFlowId, baseFlow);
}

/** BaseAction: an action without any embeds. */
export function baseAction(action: WireAction): WireAction {
  const {
    integration: _i,
    appliedToIntegrations: _a,
    user: _u,
    parent: _p,
    ...base
  } = action as WireAction & Record<string, unknown>;
  return base as WireAction;
}

/** An integration-level action's universal parent is `parentId`; an instance's is `universalParentId`. */
export function universalActionId(action: WireAction): string | undefined {
  if (action.connectionId !== undefined) {
    return action.universalParentId;
  }
  return action.integrationId === undefined ? undefined : action.parentId;
}

export function versionsByUniversalAction(store: Store): VersionIndex<WireAction> {
  return versionsByUniversal(store, store.actions(), universalActionId, baseAction);
}

/** An action with the embeds of `ActionApiResponse`: integration, user, parent, appliedToIntegrations. */
export function actionWithEmbeds(
  store: Store,
  action: WireAction,
  versions?: VersionIndex<WireAction>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...baseAction(action) };
  const integration =
    action.integrationId === undefined
      ? undefined
      : store.integrationById.get(action.integrationId);
  if (integration !== undefined) {
    out.integration = baseIntegration(integration);
  }
  const user = action.userId === undefined ? undefined : store.customerById.get(action.userId);
  if (user !== undefined) {
    out.user = baseCustomer(user);
  }
  const parent = action.parentId === undefined ? undefined : store.actionById.get(action.parentId);
  if (parent !== undefined) {
    out.parent = baseAction(parent);
  }
  const universalId =
    action.isUniversal === true && action.integrationId === undefined
      ? action.id
      : universalActionId(action);
  const applied =
    universalId === undefined
      ? []
      : ((versions ?? versionsByUniversalAction(store)).get(universalId) ?? []);
  if (applied.length > 0) {
    out.appliedToIntegrations = applied;
  }
  return out;
}

/** A run log with its embeds: `action`, `actionInstance`, `connection`, `integration`, `user`. */
export function actionRunLogWithEmbeds(
  store: Store,
  log: WireActionRunLog,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...log };
  const action = store.actionById.get(log.integrationActionId);
  if (action !== undefined) {
    out.action = baseAction(action);
  }
  const instance =
    log.connectionActionId === undefined ? undefined : store.actionById.get(log.connectionActionId);
  if (instance !== undefined) {
    out.actionInstance = baseAction(instance);
  }
  const connection = store.connectionById.get(log.connectionId);
  if (connection !== undefined) {
    out.connection = baseConnection(connection);
  }
  const integration = store.integrationById.get(log.integrationId);
  if (integration !== undefined) {
    out.integration = baseIntegration(integration);
  }
  const user = store.customerById.get(log.userId);
  if (user !== undefined) {
    out.user = baseCustomer(user);
  }
  return out;
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
