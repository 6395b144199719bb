import type { Plugin } from 'graphql-yoga';

const JSON_TYPES = new Set(['application/json', 'application/graphql-response+json']);

/**
 * Accepts a POST only as JSON. Yoga also parses form-encoded and multipart bodies, which a
 * browser sends cross-site without asking (a "simple request"): with a server-side fallback
 * token that would let any web page run mutations through the gateway. JSON needs a CORS
 * preflight, which the gateway only grants to CORS_ORIGINS.
 */
export function useJsonPostsOnly(): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      if (request.method !== 'POST') {
        return;
      }
      const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
      if (type === undefined || !JSON_TYPES.has(type)) {
        const body = {
          errors: [
            {
              message: 'POST requests must have Content-Type: application/json.',
              extensions: { code: 'BAD_USER_INPUT' },
            },
          ],
        };
        endResponse(
          new fetchAPI.Response(JSON.stringify(body), {
            status: 415,
            headers: { 'content-type': 'application/json' },
          }),
        );
      }
    },
  };
}
