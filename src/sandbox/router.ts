import type { EmbedMode } from './embeds.js';
import type { FlowRunEngine } from './flow-runs.js';
import type { Query } from './query.js';
import type { Refresher } from './refresh.js';
import type { Principal, Store } from './store.js';

/** What a route handler sees. */
export interface RequestContext {
  principal: Principal;
  store: Store;
  /** Decoded `:param` path segments, in order. */
  params: string[];
  query: Query;
  /** Parsed JSON body, `undefined` when the request had none. */
  body: unknown;
  embeds: EmbedMode;
  refresher: Refresher;
  flowRuns: FlowRunEngine;
}

/** A handler's answer; `body: undefined` sends an empty 200 body (archive). */
export interface Reply {
  status: number;
  body?: unknown;
}

export interface Route {
  method: string;
  /** Path segments; `:name` captures one segment. */
  segments: string[];
  handler: (ctx: RequestContext) => Reply;
}

export function route(method: string, path: string, handler: Route['handler']): Route {
  return { method, segments: path.split('/').filter((s) => s !== ''), handler };
}

/** Finds the route for a method and raw path; `undefined` params means a bad escape. */
export function match(
  routes: Route[],
  method: string,
  path: string,
): { route: Route; params: string[] } | undefined {
  const parts = path.split('/').filter((s) => s !== '');
  for (const candidate of routes) {
    if (candidate.method !== method || candidate.segments.length !== parts.length) {
      continue;
    }
    const params: string[] = [];
    let ok = true;
    for (const [index, segment] of candidate.segments.entries()) {
      const part = parts[index] ?? '';
      if (segment.startsWith(':')) {
        try {
          params.push(decodeURIComponent(part));
        } catch {
          ok = false;
        }
      } else if (segment !== part) {
        ok = false;
      }
      if (!ok) {
        break;
      }
    }
    if (ok) {
      return { route: candidate, params };
    }
  }
  return undefined;
}
