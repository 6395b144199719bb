import type { Environment, ReaderFragment } from 'relay-runtime';
import { getSelector } from 'relay-runtime';

/**
 * What a component would render for a fragment reference: the fragment's data as the store
 * holds it now (`useFragment` without React). Typed by the artifact's `$key` type.
 */
export function readFragment<TData>(
  environment: Environment,
  fragment: ReaderFragment,
  ref: { readonly ' $data'?: TData },
): TData {
  const selector = getSelector(fragment, ref);
  if (selector?.kind !== 'SingularReaderSelector') {
    throw new Error(`${fragment.name}: expected a reference to one object`);
  }
  return environment.lookup(selector).data as TData;
}

/**
 * Relay's Babel plugin turns each `graphql` literal into an import of the artifact that
 * relay-compiler wrote for it. This example runs without a bundler: it imports the artifact
 * itself and keeps the literal beside it, where relay-compiler reads it (never evaluated).
 */
export function compiled<T>(artifact: T, _source: () => unknown): T {
  return artifact;
}
