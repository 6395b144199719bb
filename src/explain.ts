import type { CallTrace } from './upstream/client.js';

/** One upstream call as `extensions.explain` shows it: no URL, query, header or body. */
export interface ExplainedCall {
  method: string;
  /** The path with its argument segments as `{id}`, e.g. `/flows/{id}/refresh`. */
  route: string;
  /** The upstream's HTTP status; absent when none came (timeout, connection failure). */
  status?: number;
  ms: number;
  attempts: number;
  /** Sent because the upstream cache (UPSTREAM_CACHE_TTL_MS) had no fresh answer. */
  cache?: 'miss';
}

/** A GET the upstream cache answered instead of the upstream. */
export interface CachedCall {
  method: string;
  route: string;
}

/** Upstream calls an operation did not need: why each one was saved. */
export interface SavedCalls {
  /** The same GET (or the same object by id) asked for again in the operation. */
  deduplicated: number;
  /** Served by an object the API had already embedded or answered. */
  embedded: number;
  /** Only `id` was selected: the parent's foreign key answered it. */
  idOnly: number;
}

/** `/flows/63b3…/refresh` → `/flows/{id}/refresh`: resources keep their name, arguments do not. */
export function routeOf(path: string): string {
  return path
    .split('/')
    .map((segment, i) => (i % 2 === 1 || segment === '' ? segment : '{id}'))
    .join('/');
}

/**
 * What one operation did upstream, for a request that asked (`x-explain: 1`, when the operator
 * enabled EXPLAIN): each call sent and each call saved.
 */
export class Explain implements CallTrace {
  readonly calls: ExplainedCall[] = [];
  /** Only the upstream cache fills it; reported when it served anything. */
  readonly cachedCalls: CachedCall[] = [];
  readonly saved: SavedCalls = { deduplicated: 0, embedded: 0, idOnly: 0 };
  readonly #requested = new Set<string>();

  sent(call: Parameters<CallTrace['sent']>[0]): void {
    const { method, path, status, ms, attempts, cacheMiss } = call;
    this.calls.push({
      method,
      route: routeOf(path),
      ...(status !== undefined && { status }),
      ms,
      attempts,
      ...(cacheMiss && { cache: 'miss' as const }),
    });
  }

  cached({ method, path }: Parameters<CallTrace['cached']>[0]): void {
    this.cachedCalls.push({ method, route: routeOf(path) });
  }

  /** A GET answered again from the operation's memo. */
  reused(): void {
    this.saved.deduplicated += 1;
  }

  /** A relation served by an object already embedded or answered. */
  servedByKnown(): void {
    this.saved.embedded += 1;
  }

  /** A relation with only `id` selected, served by the parent's foreign key. */
  servedById(): void {
    this.saved.idOnly += 1;
  }

  /** An object asked of a loader: the second ask of the same one is de-duplication. */
  requested(kind: string, id: string): void {
    const key = `${kind}:${id}`;
    if (this.#requested.has(key)) {
      this.saved.deduplicated += 1;
    } else {
      this.#requested.add(key);
    }
  }

  report() {
    return {
      calls: this.calls,
      ...(this.cachedCalls.length > 0 && { cached: this.cachedCalls }),
      saved: this.saved,
    };
  }
}
