import { type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

/**
 * The names of the fields selected below the current field, through fragments, across every
 * field node merged into it. `__typename` is left out: it never needs upstream data.
 */
export function selectedFields(info: GraphQLResolveInfo): Set<string> {
  const names = new Set<string>();
  const seenFragments = new Set<string>();
  const visit = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value !== '__typename') {
          names.add(selection.name.value);
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet);
      } else if (!seenFragments.has(selection.name.value)) {
        seenFragments.add(selection.name.value);
        visit(info.fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  for (const node of info.fieldNodes) {
    visit(node.selectionSet);
  }
  return names;
}

/** True when every selected field is in `available`. */
export function selectsOnly(info: GraphQLResolveInfo, available: ReadonlySet<string>): boolean {
  for (const name of selectedFields(info)) {
    if (!available.has(name)) {
      return false;
    }
  }
  return true;
}

/** True when any selected field is in `names`. */
export function selectsAny(info: GraphQLResolveInfo, names: ReadonlySet<string>): boolean {
  for (const name of selectedFields(info)) {
    if (names.has(name)) {
      return true;
    }
  }
  return false;
}
