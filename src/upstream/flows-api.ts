import type { UpstreamClient } from './client.js';
import { createElementApi, type ElementApi, type ElementResource } from './element-api.js';
import type { ElementListFilters, ElementSelectorParams } from './element-selector.js';
import { UpstreamFlow, UpstreamFlowRun, upstreamPage } from './schemas.js';

/** Filters of `GET /flows` (FindFlowsQuery): the shared ones and the parent filters. */
export interface FlowListFilters extends ElementListFilters {
  flowId?: string;
  universalFlowId?: string;
}

export interface FlowsApi extends ElementApi<UpstreamFlow, FlowListFilters> {
  update(selector: string, params: ElementSelectorParams, patch: FlowPatch): Promise<UpstreamFlow>;
  /** `POST /flows/{selector}/refresh`. */
  refresh(selector: string, params?: ElementSelectorParams): Promise<UpstreamFlow>;
  /** `POST /flows/{selector}/run` with `{nodeKey?, input?}`. */
  run(
    selector: string,
    params: ElementSelectorParams,
    request: RunFlowRequest,
  ): Promise<UpstreamFlowRun>;
}

/** The body of `POST /flows/{selector}/run` (RunFlowRequestDto). */
export interface RunFlowRequest {
  nodeKey?: string;
  input?: unknown;
}

/** The fields of `UpdateFlowRequest` the gateway lets a client change. */
export interface FlowPatch {
  name?: string;
  description?: string;
  enabled?: boolean;
  parameters?: unknown;
  nodes?: unknown;
  meta?: unknown;
}

const RESOURCE: ElementResource<UpstreamFlow, FlowListFilters> = {
  path: '/flows',
  schema: UpstreamFlow,
  page: upstreamPage(UpstreamFlow),
  // a connection-level flow's parents: its integration-level and its universal flow
  parentIds: ['flowId', 'universalFlowId'],
  extraFilters: (filters) => ({
    flowId: filters.flowId,
    universalFlowId: filters.universalFlowId,
  }),
  noun: 'flow',
};

export function createFlowsApi(client: UpstreamClient): FlowsApi {
  const { api, writeTo } = createElementApi(client, RESOURCE);
  return {
    ...api,
    refresh: async (selector, params) =>
      client.write(writeTo('POST', selector, params, '/refresh'), UpstreamFlow),
    async run(selector, params, { nodeKey, input }) {
      const body = {
        ...(nodeKey !== undefined && { nodeKey }),
        ...(input !== undefined && { input }),
      };
      return client.write(writeTo('POST', selector, params, '/run', body), UpstreamFlowRun);
    },
  };
}
