/**
 * What the layered-element machinery (selectors, instances, lists, archive/restore, embeds) needs
 * to know about one element type. Flows and actions each describe themselves once
 * (element-kinds.ts); the machinery never names a type.
 */
import type { Store } from './store.js';
import type { ElementLayer, WireConnection, WireLayeredElement } from './types.js';

export interface ElementKind<T extends WireLayeredElement> {
  /** 'Flow', 'Action': the word error messages use. */
  noun: string;
  all(store: Store): T[];
  byId(store: Store, id: string): T | undefined;
  /** A connection-level element's integration-level parent. */
  integrationParentId(element: T): string | undefined;
  /** The universal element an integration- or connection-level one derives from. */
  universalId(element: T): string | undefined;
  /** The connection-level copy the API creates on first use (membrane-api.md §2.1). */
  createInstance(
    store: Store,
    parent: T,
    connection: WireConnection,
    instanceKey: string | undefined,
  ): T;
  /** The element with the embeds its responses carry ('all' mode and refresh). */
  withEmbeds(store: Store, element: T): Record<string, unknown>;
  /** The same for a page: shared lookups are built once, not once per item. */
  pageWithEmbeds(store: Store, elements: T[]): Record<string, unknown>[];
}

export function layerOf(element: WireLayeredElement): ElementLayer {
  if (element.connectionId !== undefined) {
    return 'connection';
  }
  return element.integrationId !== undefined ? 'integration' : 'universal';
}
