import { type GraphQLResolveInfo, isObjectType, Kind, type SelectionNode } from 'graphql';
import { builder } from '../builder.js';
import { ENTITIES } from './refs.js';
import { resolveRelated } from './relations.js';

/**
 * The entity types are keyed by `id`; references resolve through the same per-request
 * loaders and known objects as every other path (design §4).
 */
const key = builder.selection<{ id: string }>('id');

/**
 * `_entities` returns a union, so its selection holds one fragment per entity type: drop those
 * on another object type, or `... on User { id } ... on Flow { name }` would load users.
 * Fragments on the union itself are kept (their fields may still apply).
 */
function forType(info: GraphQLResolveInfo, typename: string): GraphQLResolveInfo {
  const applies = (s: SelectionNode): boolean => {
    if (s.kind === Kind.FIELD) {
      return true;
    }
    const condition =
      s.kind === Kind.INLINE_FRAGMENT
        ? s.typeCondition
        : info.fragments[s.name.value]?.typeCondition;
    const on = condition?.name.value;
    return !on || on === typename || !isObjectType(info.schema.getType(on));
  };
  const fieldNodes = info.fieldNodes.map((node) =>
    node.selectionSet
      ? {
          ...node,
          selectionSet: {
            ...node.selectionSet,
            selections: node.selectionSet.selections.filter(applies),
          },
        }
      : node,
  );
  return { ...info, fieldNodes };
}

for (const { ref, spec } of ENTITIES) {
  builder.asEntity(ref, {
    key,
    resolveReference: ({ id }, ctx, info) => resolveRelated(spec, ctx, forType(info, ref.name), id),
  });
}
