import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.js';
import type { EntityKind } from './known-entities.js';
import { selectsAny, selectsOnly } from './selection.js';

interface Loader<T> {
  load(id: string): Promise<T>;
  prime(id: string, value: T): unknown;
  clear(id: string): Loader<T>;
}

/** What an entity needs to be resolved as a relation: its loader and its embed's fields. */
export interface EntitySpec<T extends { id?: string }> {
  kind: EntityKind;
  loader: (ctx: Context) => Loader<T>;
  /** GraphQL fields that only a full response carries (not an embed of this type). */
  fullOnlyFields: ReadonlySet<string>;
}

// the global id is made from the Membrane id: neither needs the object
const ID_ONLY: ReadonlySet<string> = new Set(['id', 'nodeId']);

/** Records a full response for the rest of the operation (other paths, federation). */
export function rememberFull<T extends { id?: string }>(
  spec: EntitySpec<T>,
  ctx: Context,
  value: T,
): T {
  ctx.known.full(spec.kind, value);
  if (value.id) {
    spec.loader(ctx).prime(value.id, value);
  }
  return value;
}

/**
 * Records what a write answered: it replaces anything the operation read of that object before
 * (a loader's `prime` alone keeps the older value).
 */
export function rememberWritten<T extends { id?: string }>(
  spec: EntitySpec<T>,
  ctx: Context,
  value: T,
): T {
  if (value.id) {
    spec.loader(ctx).clear(value.id);
  }
  return rememberFull(spec, ctx, value);
}

/**
 * Resolves a related object with as few upstream calls as the selection allows (design §6.2–6.3):
 * a full response already seen costs nothing, an embed serves the fields it carries, an
 * `id`-only selection is answered from the parent's foreign key, and anything else is one
 * deduplicated GET through the request's loader.
 */
export function resolveRelated<T extends { id?: string }>(
  spec: EntitySpec<T>,
  ctx: Context,
  info: GraphQLResolveInfo,
  id: string | undefined,
  embed?: T,
): T | Promise<T> | null {
  const key = id ?? embed?.id;
  if (!key) {
    return embed ?? null;
  }
  if (embed && embed.id === key) {
    ctx.known.partial(spec.kind, embed);
  }
  const known = ctx.known.get<T>(spec.kind, key);
  if (known && (ctx.known.isFull(known) || !selectsAny(info, spec.fullOnlyFields))) {
    ctx.explain?.servedByKnown();
    return known;
  }
  if (selectsOnly(info, ID_ONLY)) {
    ctx.explain?.servedById();
    // a stub, not remembered: it must never stand in for an embed
    return { id: key } as T;
  }
  ctx.explain?.requested(spec.kind, key);
  return spec.loader(ctx).load(key);
}

/** A field that only full responses carry: read it from the parent, or load the parent once. */
export async function fullField<T extends { id?: string }, K extends keyof T>(
  spec: EntitySpec<T>,
  ctx: Context,
  parent: T,
  field: K,
): Promise<T[K] | undefined> {
  if (field in parent || ctx.known.isFull(parent) || !parent.id) {
    return parent[field];
  }
  return (await spec.loader(ctx).load(parent.id))[field];
}

/**
 * A relation field's resolver: the related object's id on the parent and, when the API embeds
 * it, the embed, resolved by the one rule above.
 */
export function related<P, T extends { id?: string }>(
  spec: EntitySpec<T>,
  idOf: (parent: P) => string | undefined,
  embedOf?: (parent: P) => T | undefined,
) {
  return (parent: P, _args: object, ctx: Context, info: GraphQLResolveInfo) =>
    resolveRelated(spec, ctx, info, idOf(parent), embedOf?.(parent));
}

/** What tells an element's layer (membrane-api.md §2.2). */
interface LayeredShape {
  id: string;
  connectionId?: string;
  integrationId?: string;
  isUniversal?: boolean;
}

/**
 * The layer of a flow, action … : an instance has a connection, an integration-level element an
 * integration, a universal one neither. An embed that does not say is loaded once.
 */
export async function layerOf<T extends LayeredShape>(
  spec: EntitySpec<T>,
  ctx: Context,
  element: T,
): Promise<'universal' | 'integration' | 'connection'> {
  if (element.connectionId) {
    return 'connection';
  }
  if (element.integrationId) {
    return 'integration';
  }
  if (element.isUniversal || ctx.known.isFull(element)) {
    return 'universal';
  }
  return layerOf(spec, ctx, await spec.loader(ctx).load(element.id));
}
