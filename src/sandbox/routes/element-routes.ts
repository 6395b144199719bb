/**
 * The routes every layered element type answers the same way: list, get by selector, patch,
 * archive (DELETE) and restore. A type adds only what is its own (refresh, reset, run).
 */
import type { ElementKind } from '../elements.js';
import { accessDenied, badRequest } from '../http-errors.js';
import { paginate } from '../pagination.js';
import type { Query } from '../query.js';
import { touch } from '../refresh.js';
import { type Reply, type RequestContext, type Route, route } from '../router.js';
import { resolveElement } from '../selectors.js';
import type { Store } from '../store.js';
import type { WireLayeredElement } from '../types.js';

export interface ElementRoutes<T extends WireLayeredElement> {
  kind: ElementKind<T>;
  /** '/flows', '/actions'. */
  path: string;
  filter(store: Store, elements: T[], query: Query): T[];
  /** Validates and applies a PATCH body (400 on anything the type does not accept). */
  patch(store: Store, element: T, body: unknown): void;
}

export function selected<T extends WireLayeredElement>(
  ctx: RequestContext,
  kind: ElementKind<T>,
  query: Query = ctx.query,
): T {
  return resolveElement(kind, ctx.store, ctx.principal, ctx.params[0] ?? '', query);
}

/** Tenants may change only their own connection-level elements. */
export function writable<T extends WireLayeredElement>(
  ctx: RequestContext,
  kind: ElementKind<T>,
  element: T,
  verb: string,
): T {
  if (ctx.principal.kind === 'tenant' && element.connectionId === undefined) {
    throw accessDenied(
      `A tenant token cannot ${verb} workspace-level ${kind.noun.toLowerCase()} '${element.id}'`,
    );
  }
  return element;
}

/** Nobody changes read-only elements. */
export function notReadOnly<T extends WireLayeredElement>(kind: ElementKind<T>, element: T): void {
  if (element.isReadOnly === true) {
    throw accessDenied(`${kind.noun} '${element.id}' is read-only`);
  }
}

export function present<T extends WireLayeredElement>(
  ctx: RequestContext,
  kind: ElementKind<T>,
  element: T,
  embeds = ctx.embeds === 'all',
): Reply {
  return { status: 200, body: embeds ? kind.withEmbeds(ctx.store, element) : element };
}

export function visibleElements<T extends WireLayeredElement>(
  ctx: RequestContext,
  kind: ElementKind<T>,
): T[] {
  return kind.all(ctx.store).filter((element) => ctx.store.canSeeElement(ctx.principal, element));
}

/** PATCH: tenants only their own, never read-only or archived elements. */
export function patchElement<T extends WireLayeredElement>(
  ctx: RequestContext,
  spec: ElementRoutes<T>,
  found: T,
): Reply {
  const element = writable(ctx, spec.kind, found, 'patch');
  notReadOnly(spec.kind, element);
  if (element.archivedAt !== undefined) {
    throw badRequest('Archived elements cannot be patched');
  }
  spec.patch(ctx.store, element, ctx.body);
  return present(ctx, spec.kind, element);
}

/** DELETE = archive: an empty 200; archiving twice keeps the first `archivedAt`. */
export function archiveElement<T extends WireLayeredElement>(
  ctx: RequestContext,
  kind: ElementKind<T>,
  found: T,
): Reply {
  const element = writable(ctx, kind, found, 'archive');
  notReadOnly(kind, element);
  if (element.archivedAt === undefined) {
    touch(ctx.store, element);
    element.archivedAt = element.updatedAt;
  }
  return { status: 200 };
}

export function elementRoutes<T extends WireLayeredElement>(spec: ElementRoutes<T>): Route[] {
  const { kind, path } = spec;
  return [
    route('GET', path, (ctx) => {
      const page = paginate(
        spec.filter(ctx.store, visibleElements(ctx, kind), ctx.query),
        ctx.query,
      );
      const items = ctx.embeds === 'all' ? kind.pageWithEmbeds(ctx.store, page.items) : page.items;
      return { status: 200, body: { ...page, items } };
    }),
    route('GET', `${path}/:selector`, (ctx) => present(ctx, kind, selected(ctx, kind))),
    route('PATCH', `${path}/:selector`, (ctx) => patchElement(ctx, spec, selected(ctx, kind))),
    route('DELETE', `${path}/:selector`, (ctx) => archiveElement(ctx, kind, selected(ctx, kind))),
    route('POST', `${path}/:selector/restore`, (ctx) => {
      const element = writable(ctx, kind, selected(ctx, kind), 'restore');
      notReadOnly(kind, element);
      if (element.archivedAt !== undefined) {
        delete element.archivedAt;
        touch(ctx.store, element);
      }
      return present(ctx, kind, element);
    }),
  ];
}
