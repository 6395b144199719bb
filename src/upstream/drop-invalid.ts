/**
 * A copy of `value` without the parts that `issues` point at: a field of the wrong type (another
 * Membrane-like upstream, a newer API) then reads null on its own instead of failing the whole
 * object, and a malformed array element is left out of its array. A required field that is
 * dropped still fails the second validation.
 */
export function dropInvalid(value: unknown, issues: readonly { path: PropertyKey[] }[]): unknown {
  const copy: unknown = structuredClone(value);
  const removals = new Map<unknown[], Set<number>>();
  for (const { path } of issues) {
    const last = path.at(-1);
    let parent: unknown = copy;
    for (const key of path.slice(0, -1)) {
      parent = isObject(parent) ? parent[key as string] : undefined;
    }
    if (Array.isArray(parent) && typeof last === 'number') {
      removals.set(parent, (removals.get(parent) ?? new Set()).add(last));
    } else if (isObject(parent) && last !== undefined) {
      delete parent[last as string];
    }
  }
  for (const [array, indexes] of removals) {
    // from the end, so earlier indexes stay valid
    for (const index of [...indexes].sort((a, b) => b - a)) {
      array.splice(index, 1);
    }
  }
  return copy;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
