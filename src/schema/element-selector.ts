import { builder } from '../builder.js';
import type { ElementSelectorParams } from '../upstream/membrane-api.js';
import { ElementLayer } from './enums.js';
import { definedOnly } from './lists.js';

/**
 * How a field names one element of a multi-layer type: a selector and its clarifying parameters
 * (membrane-api.md §2.1). `noun` words the selector's description ("flow").
 */
export const selectorArgs = (noun: string) =>
  builder.args((t) => ({
    selector: t.string({
      required: true,
      description: `${noun[0]?.toUpperCase()}${noun.slice(1)} id, key, or \`integrationKey.${noun}Key\`.`,
    }),
    layer: t.field({ type: ElementLayer.ref }),
    integrationKey: t.string(),
    integrationId: t.id(),
    connectionId: t.id(),
    connectionKey: t.string(),
    instanceKey: t.string(),
  }));

/** The page and filters every element list takes (FindFlowsQuery and FindActionsQuery share them). */
export const elementListArgs = builder.args((t) => ({
  first: t.int(),
  after: t.string(),
  search: t.string(),
  layer: t.field({ type: ElementLayer.ref }),
  integrationId: t.id(),
  integrationKey: t.string(),
  connectionId: t.id(),
  userId: t.id(),
  isUniversal: t.boolean(),
  includeArchived: t.boolean(),
}));

/** How every flow field names its flow. */
export const flowSelectorArgs = selectorArgs('flow');

interface SelectorArgs {
  selector: string;
  layer?: ElementSelectorParams['layer'] | null;
  integrationKey?: string | null;
  integrationId?: string | null;
  connectionId?: string | null;
  connectionKey?: string | null;
  instanceKey?: string | null;
}

/** The selector and the parameters the client gave (nulls count as not given). */
export function elementSelector({ selector, ...params }: SelectorArgs): {
  selector: string;
  params: ElementSelectorParams;
} {
  return { selector, params: definedOnly(params) };
}
