import {
  type DocumentNode,
  getNamedType,
  isNonNullType,
  Kind,
  TypeInfo,
  typeFromAST,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { findFullyPopulatedFlow } from '../../src/sandbox/seed.js';
import { busiestCustomer } from '../../src/sandbox/tokens.js';
import type { SandboxData } from '../../src/sandbox/types.js';
import { schema } from '../../src/schema/index.js';
import type { PairedVariables } from './harvest.js';
import type { Variables } from './paths.js';

/**
 * Ids and keys to feed arguments with: the seed's showcase flow (a connection-level flow with
 * every relation), the integration with the most live flows and the customer with the most
 * connections (so lists below them are not empty).
 */
export interface Samples {
  byArgument: Record<string, unknown>;
  /** `field.argument` → value, where the argument name alone is ambiguous. */
  byField: Record<string, unknown>;
}

export function samplesOf(data: SandboxData): Samples {
  const flow = findFullyPopulatedFlow(data);
  const flowsOf = (id: string) => data.flows.filter((f) => f.integrationId === id && !f.archivedAt);
  const integration = [...data.integrations].sort(
    (a, b) => flowsOf(b.id).length - flowsOf(a.id).length,
  )[0];
  const connection = data.connections.find((c) => c.id === flow.connectionId);
  const user = busiestCustomer(data);
  const ids = {
    integrationId: integration?.id,
    integrationKey: integration?.key,
    connectionId: flow.connectionId,
    connectionKey: connection?.key,
    userId: user?.id,
    flowId: flow.flowId,
    universalFlowId: flow.universalFlowId,
    instanceKey: flow.instanceKey,
  };
  // an action of the showcase connection that runs as it is (READY, no required input)
  const actions = (data.actions ?? []).filter((a) => a.connectionId && !a.archivedAt);
  const action =
    actions.find(
      (a) =>
        a.connectionId === flow.connectionId && a.state === 'READY' && !a.inputSchema?.required,
    ) ?? actions[0];
  const log = data.actionRunLogs?.find((l) => l.connectionActionId === action?.id);
  const actionIds = {
    parentId: action?.parentId,
    universalParentId: action?.universalParentId,
    connectionActionId: action?.id,
    integrationActionId: action?.parentId,
    universalActionId: action?.universalParentId,
    actionId: action?.parentId,
  };
  const actionSelectors = Object.fromEntries(
    ['action', 'runAction', 'updateAction', 'archiveAction', 'restoreAction'].map((field) => [
      `${field}.selector`,
      action?.id,
    ]),
  );
  return {
    byArgument: { ...ids, ...actionIds, first: 3 },
    byField: {
      'flow.selector': flow.id,
      'refreshFlow.selector': flow.id,
      'integration.selector': integration?.key,
      'connection.id': flow.connectionId,
      'user.id': user?.id,
      ...actionSelectors,
      'actionRunLog.id': log?.id,
      '_entities.representations': [
        { __typename: 'Flow', id: flow.id },
        { __typename: 'User', id: user?.id },
        { __typename: 'Integration', id: integration?.id },
        { __typename: 'Connection', id: flow.connectionId },
      ],
    },
  };
}

/** For each variable, the first `field.argument` it is passed to. */
function usages(document: DocumentNode): Map<string, { field: string; argument: string }> {
  const found = new Map<string, { field: string; argument: string }>();
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        const field = typeInfo.getFieldDef()?.name;
        if (node.value.kind === Kind.VARIABLE && field && !found.has(node.value.name.value)) {
          found.set(node.value.name.value, { field, argument: node.name.value });
        }
      },
    }),
  );
  return found;
}

/** A value of the right scalar type for a required variable no sample fits. */
const FALLBACK: Record<string, unknown> = { String: 'x', ID: 'x', Int: 1, Boolean: true };

/**
 * The variables to run a harvested document with: the literal values the test passed, and for
 * each variable the test computed at runtime or that is required but absent, a value from the
 * showcase chain chosen by the argument it feeds (`flow(selector:)` gets the flow's id). A
 * nullable variable nobody gave stays absent.
 */
export function variablesFor(
  document: DocumentNode,
  paired: PairedVariables | undefined,
  samples: Samples,
): Variables {
  const used = usages(document);
  const variables: Variables = { ...paired?.values };
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) {
      continue;
    }
    for (const v of definition.variableDefinitions ?? []) {
      const name = v.variable.name.value;
      const type = typeFromAST(schema, v.type);
      const wanted =
        paired?.dynamic.includes(name) || (isNonNullType(type) && !(name in variables));
      const usage = used.get(name);
      const sample = usage
        ? (samples.byField[`${usage.field}.${usage.argument}`] ??
          samples.byArgument[usage.argument])
        : undefined;
      const fallback = isNonNullType(type) ? FALLBACK[getNamedType(type).name] : undefined;
      if (wanted && (sample ?? fallback) !== undefined) {
        variables[name] = sample ?? fallback;
      }
    }
  }
  return variables;
}
