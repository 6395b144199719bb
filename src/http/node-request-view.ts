import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ContextRequest } from '../context-factory.js';

const CLIENT_GONE = new DOMException('The client went away.', 'AbortError');

/**
 * The part of a WHATWG Request that the gateway's plugins and context read (method, url,
 * headers), served straight from Node's request: no Headers copy, no body stream, and instead
 * of a signal of its own, a watch on the connection that the operation's deadline takes up only
 * when an upstream call needs it.
 */
export class NodeRequestView implements ContextRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: { get(name: string): string | null };
  readonly #res: ServerResponse;

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
  readonly watchClient = (abort: (reason: unknown) => void): undefined => {
    const res = this.#res;
    if (res.destroyed && !res.writableFinished) {
      abort(CLIENT_GONE);
      return;
    }
    res.once('close', () => {
      if (!res.writableFinished) {
        abort(CLIENT_GONE);
      }
    });
  };
}
