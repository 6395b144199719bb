import type { Deadline } from './deadline.js';
import type { Explain } from './explain.js';
import type { LiveSession } from './live/live-session.js';
import type { RequestLog } from './request-log.js';
import type { KnownEntities } from './schema/known-entities.js';
import type { MembraneApi } from './upstream/membrane-api.js';

/**
 * Built anew for every GraphQL request: the dataloader plugin caches its loaders on this
 * object, so nothing fetched with one credential can reach another request.
 */
export interface Context {
  readonly requestId: string;
  readonly log: RequestLog;
  /** The REST API on behalf of this request's credential, bounded by its deadline. */
  readonly api: MembraneApi;
  /** Objects this operation has already seen (full responses and embeds). */
  readonly known: KnownEntities;
  readonly exposeSecrets: boolean;
  /** Ended by the HTTP edge when the operation is over (`useOperationEnd`). */
  readonly deadline: Deadline;
  /** Upstream calls sent so far, and GETs the upstream cache answered (for the access log). */
  readonly upstream: { calls: number; cacheHits?: number };
  /** Present when this request asked for `extensions.explain` and the operator allows it. */
  readonly explain: Explain | undefined;
  /** Subscriptions: the process's pollers, on behalf of this request's credential. */
  readonly live: LiveSession;
}
