import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  getNamedType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  valueFromASTUntyped,
} from 'graphql';

const ENTITIES = new Set([
  'Flow',
  'FlowRun',
  'Integration',
  'Connection',
  'User',
  'Action',
  'ActionRunLog',
]);
const DEFAULT_FIRST = 20;
/** Lists without `first` (e.g. `appliedToIntegrations`) are assumed to hold this many items. */
const UNBOUNDED_LIST = 10;

const isPage = (type: GraphQLObjectType) =>
  /(Connection|Edge)$/.test(type.name) && !ENTITIES.has(type.name);

/**
 * The worst case number of upstream calls an operation could cost (design §6.6): one call per
 * list and per related entity for every parent, list sizes taken from `first`. Embeds, id-only
 * selections and deduplication only make the real number smaller.
 */
export function estimateUpstreamCalls(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  let operation: OperationDefinitionNode | undefined;
  for (const def of document.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(def.name.value, def);
    } else if (
      def.kind === Kind.OPERATION_DEFINITION &&
      (!operationName || def.name?.value === operationName)
    ) {
      operation ??= def;
    }
  }
  const root = operation && schema.getRootType(operation.operation);
  if (!operation || !root) {
    return 0;
  }
  const first = (field: FieldNode): number => {
    const arg = field.arguments?.find((a) => a.name.value === 'first');
    const value = arg ? valueFromASTUntyped(arg.value, variables ?? undefined) : undefined;
    return typeof value === 'number' && value > 0 ? value : DEFAULT_FIRST;
  };
  // `nodes(ids: [...])`: as many objects as ids
  const listArgLength = (field: FieldNode): number => {
    for (const arg of field.arguments ?? []) {
      const value = valueFromASTUntyped(arg.value, variables ?? undefined);
      if (Array.isArray(value)) {
        return value.length;
      }
    }
    return UNBOUNDED_LIST;
  };
  // a fragment on another object type never applies (below `node`, one per possible type)
  const applies = (on: string | undefined, type: GraphQLObjectType) =>
    !on || on === type.name || !isObjectType(schema.getType(on));
  const fieldsOf = (
    set: SelectionSetNode,
    type: GraphQLObjectType,
    seen: Set<string>,
  ): FieldNode[] =>
    set.selections.flatMap((s) => {
      if (s.kind === Kind.FIELD) {
        return [s];
      }
      if (s.kind === Kind.INLINE_FRAGMENT) {
        return applies(s.typeCondition?.name.value, type)
          ? fieldsOf(s.selectionSet, type, seen)
          : [];
      }
      const fragment = fragments.get(s.name.value);
      if (
        !fragment ||
        seen.has(s.name.value) ||
        !applies(fragment.typeCondition.name.value, type)
      ) {
        return [];
      }
      return fieldsOf(fragment.selectionSet, type, new Set([...seen, s.name.value]));
    });
  const cost = (set: SelectionSetNode, type: GraphQLObjectType, parents: number): number => {
    let total = 0;
    for (const field of fieldsOf(set, type, new Set())) {
      const def = type.getFields()[field.name.value];
      // a field that makes a fixed number of calls says so (`extensions.upstreamCalls`)
      const declared = def?.extensions?.upstreamCalls;
      if (typeof declared === 'number') {
        total += parents * declared;
      }
      const named = def && getNamedType(def.type);
      const listType = def && (isNonNullType(def.type) ? def.type.ofType : def.type);
      if (def && field.selectionSet && isInterfaceType(named)) {
        // `node` / `nodes`: one GET per id, then the dearest type the objects may turn out to be
        const objects = parents * (isListType(listType) ? listArgLength(field) : 1);
        const set = field.selectionSet;
        const nested = schema.getPossibleTypes(named).map((t) => cost(set, t, objects));
        total += objects + Math.max(0, ...nested);
        continue;
      }
      if (!def || !field.selectionSet || !isObjectType(named)) {
        continue;
      }
      let items = parents;
      if (isPage(named) && named.name.endsWith('Connection')) {
        total += parents;
        items = parents * first(field);
      } else if (ENTITIES.has(named.name) && !isPage(type) && typeof declared !== 'number') {
        total += parents * (isListType(listType) ? UNBOUNDED_LIST : 1);
      }
      if (isListType(listType) && !isPage(type)) {
        items *= UNBOUNDED_LIST;
      }
      total += cost(field.selectionSet, named, items);
    }
    return total;
  };
  return cost(operation.selectionSet, root, 1);
}
