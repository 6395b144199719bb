import type { UpstreamClient } from './client.js';
import { createElementApi, type ElementApi, type ElementResource } from './element-api.js';
import type { ElementListFilters, ElementSelectorParams } from './element-selector.js';
import { UpstreamAction, UpstreamActionRun, upstreamPage } from './schemas.js';

/** Filters of `GET /actions` (FindActionsQuery): the shared ones and the parent filters. */
export interface ActionListFilters extends ElementListFilters {
  parentId?: string;
  universalParentId?: string;
}

/** The fields of `UpdateActionRequest` the gateway lets a client change. */
export interface ActionPatch {
  name?: string;
  description?: string;
  config?: unknown;
  inputSchema?: unknown;
  outputMapping?: unknown;
  customOutputSchema?: unknown;
  meta?: unknown;
}

export interface ActionsApi extends ElementApi<UpstreamAction, ActionListFilters> {
  update(
    selector: string,
    params: ElementSelectorParams,
    patch: ActionPatch,
  ): Promise<UpstreamAction>;
  /**
   * `POST /actions/{selector}/run` with `{input}` (RunActionRequest; the spec's path, which the
   * SDK's integration-level accessor uses too). Sent once, never retried: each call is a run.
   */
  run(
    selector: string,
    params: ElementSelectorParams,
    request: { input?: unknown },
  ): Promise<UpstreamActionRun>;
}

const RESOURCE: ElementResource<UpstreamAction, ActionListFilters> = {
  path: '/actions',
  schema: UpstreamAction,
  page: upstreamPage(UpstreamAction),
  // a connection-level action's parents: its integration-level and its universal action
  parentIds: ['parentId', 'universalParentId'],
  extraFilters: (filters) => ({
    parentId: filters.parentId,
    universalParentId: filters.universalParentId,
  }),
  noun: 'action',
};

export function createActionsApi(client: UpstreamClient): ActionsApi {
  const { api, writeTo } = createElementApi(client, RESOURCE);
  return {
    ...api,
    run: async (selector, params, { input }) =>
      client.write(
        writeTo('POST', selector, params, '/run', input === undefined ? {} : { input }),
        UpstreamActionRun,
      ),
  };
}
