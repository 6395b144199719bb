import { GatewayError } from '../errors.js';
import { credentialKey } from '../upstream/credential-limiters.js';
import type { MembraneApi } from '../upstream/membrane-api.js';
import type { LiveHub } from './live-hub.js';
import type { LiveEvent, Watch } from './watch.js';

/**
 * A fresh REST API for one poll: its own client (the per-request one memoizes GETs for the
 * operation's lifetime, so it would never see a change), no operation deadline or call budget,
 * the credential's shared concurrency limiter.
 */
export type PollApi = (authorization: string, signal: AbortSignal) => MembraneApi;

/** What a subscription resolver describes: the resource, read through a fresh API per poll. */
export interface LiveWatch<T> extends Omit<Watch<T>, 'read'> {
  read(api: MembraneApi): Promise<T>;
}

/**
 * A request's door to the live hub, with the request's credential (kept in memory only; the
 * hub sees its hash). Built per request, so it is kept small: the work happens on `subscribe`.
 */
export class LiveSession {
  readonly #hub: LiveHub;
  readonly #authorization: string | undefined;
  readonly #pollApi: PollApi;

  constructor(hub: LiveHub, authorization: string | undefined, pollApi: PollApi) {
    this.#hub = hub;
    this.#authorization = authorization;
    this.#pollApi = pollApi;
  }

  /**
   * A stream of the resource: now, then on every change. UNAUTHENTICATED without a credential;
   * a promise when the cluster's bound is asked (Redis).
   */
  subscribe<T>(
    watch: LiveWatch<T>,
  ): AsyncIterableIterator<LiveEvent<T>> | Promise<AsyncIterableIterator<LiveEvent<T>>> {
    const authorization = this.#authorization;
    if (authorization === undefined) {
      throw new GatewayError('UNAUTHENTICATED', 'No credential was given for the Membrane API.');
    }
    const credential = credentialKey(authorization);
    const pollApi = this.#pollApi;
    return this.#hub.subscribe(credential, {
      ...watch,
      read: (signal) => watch.read(pollApi(authorization, signal)),
    });
  }
}
