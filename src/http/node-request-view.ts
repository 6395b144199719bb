import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ContextRequest } from '../context-factory.js';

/**
 * The part of a WHATWG Request that the gateway's plugins and context read (method, url,
 * headers, signal), served straight from Node's request: no Headers copy, no body stream, and
 * an abort signal only if an upstream call asks for one.
 */
export class NodeRequestView implements ContextRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: { get(name: string): string | null };
  readonly #res: ServerResponse;
  #signal: AbortSignal | undefined;

  constructor(req: IncomingMessage, res: ServerResponse, origin: string) {
    this.method = req.method ?? 'GET';
    this.url = `${origin}${req.url ?? '/'}`;
    this.#res = res;
    const raw = req.headers;
    this.headers = {
      get(name: string) {
        const value = raw[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    };
  }

  /** Aborts when the client closes the connection before its answer was written. */
  get signal(): AbortSignal {
    if (this.#signal) {
      return this.#signal;
    }
    const controller = new AbortController();
    this.#signal = controller.signal;
    const res = this.#res;
    if (res.destroyed && !res.writableFinished) {
      controller.abort(new DOMException('The client went away.', 'AbortError'));
    } else {
      res.once('close', () => {
        if (!res.writableFinished) {
          controller.abort(new DOMException('The client went away.', 'AbortError'));
        }
      });
    }
    return this.#signal;
  }
}
