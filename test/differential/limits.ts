import {
  type ASTNode,
  type DocumentNode,
  Kind,
  Lexer,
  type SelectionSetNode,
  Source,
  TokenKind,
  visit,
} from 'graphql';

/**
 * The gateway's pre-execution limits (src/http/use-operation-limits.ts, design §6): a document
 * above them is rejected with OPERATION_LIMIT before execution, so there is no execution to
 * compare. Counted as graphql-armor counts (a fragment is a level of depth).
 */
export const EDGE_LIMITS = { depth: 12, aliases: 30, tokens: 3000 };

function depthOf(
  set: SelectionSetNode | undefined,
  document: DocumentNode,
  seen: string[],
): number {
  let deepest = 0;
  for (const selection of set?.selections ?? []) {
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const name = selection.name.value;
      const fragment = document.definitions.find(
        (d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === name,
      ) as { selectionSet: SelectionSetNode } | undefined;
      const inner = seen.includes(name)
        ? 0
        : depthOf(fragment?.selectionSet, document, [...seen, name]);
      deepest = Math.max(deepest, 1 + inner);
    } else if (selection.kind === Kind.FIELD && selection.name.value === '__schema') {
      // introspection is exempt
    } else {
      deepest = Math.max(deepest, 1 + depthOf(selection.selectionSet, document, seen));
    }
  }
  return deepest;
}

function tokensOf(source: string): number {
  const lexer = new Lexer(new Source(source));
  let count = 0;
  while (lexer.advance().kind !== TokenKind.EOF) {
    count += 1;
  }
  return count;
}

/** Whether the gateway's edge rejects this document (sent without an operation name) before executing it. */
export function exceedsEdgeLimits(source: string, document: DocumentNode): boolean {
  let aliases = 0;
  visit(document, {
    Field(node) {
      aliases += node.alias ? 1 : 0;
    },
  });
  const depth = Math.max(
    0,
    ...document.definitions.map((d: ASTNode) =>
      d.kind === Kind.OPERATION_DEFINITION ? depthOf(d.selectionSet, document, []) : 0,
    ),
  );
  // sent without an operation name (as the harness sends them), several operations are refused
  // by Yoga's request checks before execution ("Could not determine what operation to execute.")
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  return (
    depth > EDGE_LIMITS.depth ||
    aliases > EDGE_LIMITS.aliases ||
    tokensOf(source) > EDGE_LIMITS.tokens ||
    operations.length > 1
  );
}
