import { type GraphQLSchema, isUnionType } from 'graphql';
import { GatewayError } from '../errors.js';

/**
 * `_entities` as @apollo/subgraph resolves it fails the whole list with a plain Error (masked as
 * INTERNAL_SERVER_ERROR, logged with its stack) when a representation names no entity type, and
 * names another object type with an error that has no code; one without its `id` resolves to
 * null with no error at all. A router never sends these; any client may. Each such
 * representation is BAD_USER_INPUT in its own slot, the others resolve as before.
 */
export function checkEntityRepresentations(schema: GraphQLSchema): GraphQLSchema {
  const field = schema.getQueryType()?.getFields()._entities;
  const union = schema.getType('_Entity');
  const resolve = field?.resolve;
  if (field === undefined || resolve === undefined || !isUnionType(union)) {
    return schema;
  }
  const names = new Set(union.getTypes().map((type) => type.name));
  const noType = `Each representation needs a __typename naming an entity type (${[...names].sort().join(', ')}).`;
  // every entity is keyed by `id` (design §4)
  const noKey = 'Each representation needs its key: an id that is a string.';
  const problem = (r: unknown): string | undefined => {
    if (typeof r !== 'object' || r === null) {
      return noType;
    }
    const { __typename, id } = r as { __typename?: unknown; id?: unknown };
    if (!names.has(__typename as string)) {
      return noType;
    }
    return typeof id === 'string' ? undefined : noKey;
  };
  field.resolve = async (source, args, context, info) => {
    const representations = args.representations as unknown[];
    const problems = representations.map(problem);
    if (problems.every((p) => p === undefined)) {
      return resolve(source, args, context, info);
    }
    const fitting = representations.filter((_, i) => problems[i] === undefined);
    const resolved = (await resolve(
      source,
      { ...args, representations: fitting },
      context,
      info,
    )) as unknown[];
    let next = 0;
    return problems.map((p) =>
      p === undefined ? resolved[next++] : new GatewayError('BAD_USER_INPUT', p),
    );
  };
  return schema;
}
