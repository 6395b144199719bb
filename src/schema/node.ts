import { brandWithType, type ObjectRef } from '@pothos/core';
import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { builder, type Types } from '../builder.js';
import type { Context } from '../context.js';
import { GatewayError } from '../errors.js';
import { isPathId } from '../upstream/segments.js';
import { ENTITIES } from './refs.js';
import type { EntitySpec } from './relations.js';

/**
 * Global Object Identification (the Relay server specification, design §11). `id` stays the
 * Membrane id; `nodeId` is the opaque global id that names the type (base64 of `Type:id`, the
 * plugin's encoding), and `node` / `nodes` take it back at the cost of that object's one GET.
 *
 * Every entity of `ENTITIES` (refs.ts) is a Node.
 */
const nodeSpecs = new Map(ENTITIES.map(({ ref, spec }) => [ref.name, spec]));

for (const { ref } of ENTITIES) {
  // a loadable ref's resolvers may return an id or the object; nodeRef types it by its object
  // shape alone, since the fields it adds only see objects
  builder.nodeRef(ref as unknown as ObjectRef<Types, { id?: string }>, {
    id: { resolve: (v: { id?: string }) => v.id ?? '' },
  });
}

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
