import { brandWithType, type ObjectRef } from '@pothos/core';
import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { builder, type Types } from '../builder.js';
import type { Context } from '../context.js';
import { GatewayError } from '../errors.js';
import { isPathId } from '../upstream/segments.js';
import {
  Action,
  ActionRunLog,
  ActionRunLogSpec,
  ActionSpec,
  Connection,
  ConnectionSpec,
  Flow,
  FlowRun,
  FlowRunSpec,
  FlowSpec,
  Integration,
  IntegrationSpec,
  User,
  UserSpec,
} from './refs.js';
import type { EntitySpec } from './relations.js';

/**
 * Global Object Identification (the Relay server specification, design §11). `id` stays the
 * Membrane id; `nodeId` is the opaque global id that names the type (base64 of `Type:id`, the
 * plugin's encoding), and `node` / `nodes` take it back at the cost of that object's one GET.
 *
 * To make an entity a Node, register its ref and spec here: `asNode(Action, ActionSpec);`
 */
const nodeSpecs = new Map<string, EntitySpec<{ id?: string }>>();

// a loadable ref's resolvers may return an id or the object; its fields see the object
function asNode<T extends { id?: string }>(
  ref: ObjectRef<Types, string | T, T>,
  spec: EntitySpec<T>,
) {
  // nodeRef types the ref by its object shape alone; the fields it adds only see objects
  builder.nodeRef(ref as unknown as ObjectRef<Types, T>, { id: { resolve: (v: T) => v.id ?? '' } });
  nodeSpecs.set(ref.name, spec as EntitySpec<{ id?: string }>);
}

asNode(Flow, FlowSpec);
asNode(FlowRun, FlowRunSpec);
asNode(Integration, IntegrationSpec);
asNode(Connection, ConnectionSpec);
asNode(User, UserSpec);
asNode(Action, ActionSpec);
asNode(ActionRunLog, ActionRunLogSpec);

const NodeRef = builder.nodeInterfaceRef();

/** The type and Membrane id a global id names; BAD_USER_INPUT for anything this graph did not issue. */
function parseNodeId(nodeId: string): { typename: string; id: string } {
  let parsed: { typename: string; id: string } | undefined;
  try {
    parsed = decodeGlobalID(nodeId);
  } catch {
    parsed = undefined;
  }
  // only the canonical encoding: one object has one global id (and one cache entry)
  if (
    parsed === undefined ||
    !nodeSpecs.has(parsed.typename) ||
    !isPathId(parsed.id) ||
    encodeGlobalID(parsed.typename, parsed.id) !== nodeId
  ) {
    // the value is never echoed (it may be huge or hold control characters)
    throw new GatewayError(
      'BAD_USER_INPUT',
      `Invalid node id: expected the nodeId of a ${[...nodeSpecs.keys()].join(', ')}.`,
    );
  }
  return parsed;
}

/** The object a global id names, through the request's loader for its type (batched, deduplicated). */
async function loadNode(ctx: Context, nodeId: string): Promise<unknown> {
  const { typename, id } = parseNodeId(nodeId);
  const spec = nodeSpecs.get(typename) as EntitySpec<{ id?: string }>;
  ctx.explain?.requested(typename, id);
  const value = await spec.loader(ctx).load(id);
  // branded, so the Node interface resolves the object's type (REST objects carry no __typename)
  brandWithType(value, typename as never);
  return value;
}

builder.queryFields((t) => ({
  node: t.field({
    type: NodeRef,
    description: 'The object a `nodeId` names (Relay Global Object Identification).',
    args: { id: t.arg.id({ required: true, description: 'A `nodeId`.' }) },
    resolve: (_, { id }, ctx) => loadNode(ctx, id) as never,
  }),
  nodes: t.field({
    type: [NodeRef],
    nullable: { list: false, items: true },
    description:
      'The objects these `nodeId`s name, in order; an unknown or invalid id is null in its slot, with its error at that path.',
    args: { ids: t.arg.idList({ required: true, description: '`nodeId`s.' }) },
    // one promise per slot: a failure nulls only its own slot
    resolve: (_, { ids }, ctx) => ids.map((id) => loadNode(ctx, id)) as never,
  }),
}));
