import { printSubgraphSchema } from '@apollo/subgraph';
import {
  type ASTNode,
  type DefinitionNode,
  type DocumentNode,
  GraphQLObjectType,
  GraphQLSchema,
  Kind,
  lexicographicSortSchema,
  parse,
  print,
  printSchema,
} from 'graphql';

/** Where the committed subgraph SDL lives, relative to the repository root. */
export const SCHEMA_FILE = 'schema/schema.graphql';
/** Where the committed client SDL lives (what Relay, codegen and IDE plugins read). */
export const CLIENT_SCHEMA_FILE = 'schema/client.graphql';

// Code-unit order: unlike localeCompare it does not depend on the machine's locale.
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const byName = <T extends { name: { value: string } }>(nodes: readonly T[] | undefined) =>
  nodes && [...nodes].sort((a, b) => compare(a.name.value, b.name.value));

const definitionName = (node: DefinitionNode): string =>
  'name' in node && node.name ? node.name.value : '';

/** Sorts the members of one definition; directive applications keep their order (it can matter). */
function sortDefinition(node: DefinitionNode): DefinitionNode {
  switch (node.kind) {
    case Kind.OBJECT_TYPE_DEFINITION:
    case Kind.INTERFACE_TYPE_DEFINITION:
      return {
        ...node,
        interfaces: byName(node.interfaces),
        fields: byName(node.fields)?.map((f) => ({ ...f, arguments: byName(f.arguments) })),
      };
    case Kind.INPUT_OBJECT_TYPE_DEFINITION:
      return { ...node, fields: byName(node.fields) };
    case Kind.ENUM_TYPE_DEFINITION:
      return { ...node, values: byName(node.values) };
    case Kind.UNION_TYPE_DEFINITION:
      return { ...node, types: byName(node.types) };
    case Kind.DIRECTIVE_DEFINITION:
      return { ...node, arguments: byName(node.arguments) };
    default:
      return node;
  }
}

/** Schema definitions and extensions (the federation `@link`) first, then types by name. */
const rank = (node: ASTNode) =>
  node.kind === Kind.SCHEMA_DEFINITION || node.kind === Kind.SCHEMA_EXTENSION ? 0 : 1;

/** Returns the document with every definition, field, argument and enum value sorted by name. */
export function sortDocument(doc: DocumentNode): DocumentNode {
  const definitions = [...doc.definitions]
    .sort((a, b) => rank(a) - rank(b) || compare(definitionName(a), definitionName(b)))
    .map(sortDefinition);
  return { ...doc, definitions };
}

/**
 * The subgraph SDL as committed in `schema/schema.graphql`: `printSubgraphSchema` keeps the
 * federation `@link` and `@key`, but it prints from the types' AST nodes, which Pothos builds in
 * declaration order, so `lexicographicSortSchema` alone leaves fields unsorted. Sorting the
 * printed document makes the contract independent of the order of the code.
 */
export function printSubgraphContract(schema: GraphQLSchema): string {
  const sdl = printSubgraphSchema(lexicographicSortSchema(schema));
  return `${print(sortDocument(parse(sdl)))}\n`;
}

/** What federation adds for routers: clients never select these. */
const ROUTER_FIELDS = new Set(['_service', '_entities']);
const ROUTER_TYPES = new Set(['_Any', '_Entity', '_Service']);

/**
 * The schema as clients see it, committed in `schema/client.graphql`: the subgraph without
 * `_service`, `_entities`, their types and the federation `@link` / `@key` (relay-compiler
 * cannot read `extend schema`). `printSchema` prints from the sorted types, not from AST nodes.
 */
export function printClientContract(schema: GraphQLSchema): string {
  const config = schema.toConfig();
  const queryConfig = schema.getQueryType()?.toConfig();
  const query =
    queryConfig &&
    new GraphQLObjectType({
      ...queryConfig,
      astNode: undefined,
      fields: Object.fromEntries(
        Object.entries(queryConfig.fields).filter(([name]) => !ROUTER_FIELDS.has(name)),
      ),
    });
  const client = new GraphQLSchema({
    ...config,
    query,
    types: config.types.filter((t) => !ROUTER_TYPES.has(t.name) && t.name !== query?.name),
    astNode: undefined,
    extensionASTNodes: [],
  });
  return `${printSchema(lexicographicSortSchema(client))}\n`;
}
