import { builder } from '../builder.js';
import type { FlowSelectorParams } from '../upstream/membrane-api.js';
import { ElementLayer } from './enums.js';
import { definedOnly } from './lists.js';

/** How every flow field names its flow: a selector and its clarifying parameters (§2.1). */
export const flowSelectorArgs = builder.args((t) => ({
  selector: t.string({
    required: true,
    description: 'Flow id, key, or `integrationKey.flowKey`.',
  }),
  layer: t.field({ type: ElementLayer.ref }),
  integrationKey: t.string(),
  integrationId: t.id(),
  connectionId: t.id(),
  connectionKey: t.string(),
  instanceKey: t.string(),
}));

interface FlowSelectorArgs {
  selector: string;
  layer?: FlowSelectorParams['layer'] | null;
  integrationKey?: string | null;
  integrationId?: string | null;
  connectionId?: string | null;
  connectionKey?: string | null;
  instanceKey?: string | null;
}

/** The selector and the parameters the client gave (nulls count as not given). */
export function flowSelector({ selector, ...params }: FlowSelectorArgs): {
  selector: string;
  params: FlowSelectorParams;
} {
  return { selector, params: definedOnly(params) };
}
