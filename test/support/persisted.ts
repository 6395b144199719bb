import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { WireFlow } from '../../src/sandbox/types.js';
import { graphql } from '../gql/index.js';
import type { TestGateway } from './gateway.js';

/** The manifest `npm run codegen` writes for the project's own documents (client preset). */
export const MANIFEST_PATH = fileURLToPath(
  new URL('../gql/persisted-documents.json', import.meta.url),
);
export const MANIFEST = JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')) as Record<string, string>;

// Operations of the persisted-operations tests; codegen puts them in the manifest.
export const FlowName = graphql(`
  query PersistedFlowName($selector: String!) {
    flow(selector: $selector) { id name }
  }
`);
export const RefreshFlow = graphql(`
  mutation PersistedRefreshFlow($selector: String!) {
    refreshFlow(selector: $selector) { id }
  }
`);

export const RunAction = graphql(`
  mutation PersistedRunAction($selector: String!, $input: JSON) {
    runAction(selector: $selector, input: $input) { output actionRunId }
  }
`);

/** The id codegen embeds in a typed document (`sha256:<hex>`), which a client sends. */
export const documentIdOf = (document: unknown): string =>
  (document as { __meta__: { hash: string } }).__meta__.hash;

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Apollo's APQ extension. */
export const apq = (sha256Hash: string) => ({ persistedQuery: { version: 1, sha256Hash } });

/** A document no manifest holds (APQ registration, raw documents). */
export const UNLISTED = '{ integrations(first: 1) { nodes { key } } }';

export const JSON_ONLY = 'application/json';
export const RESPONSE_JSON = 'application/graphql-response+json';

export interface Answer {
  status: number;
  cacheControl: string | null;
  body: unknown;
}

/**
 * One request as a persisted-operations client sends it: a POST with a JSON body, or a GET with
 * the same parameters in the query string (objects as JSON).
 */
export async function send(
  url: string,
  method: 'GET' | 'POST',
  params: Record<string, unknown>,
  accept = JSON_ONLY,
): Promise<Answer> {
  const res =
    method === 'POST'
      ? await fetch(url, {
          method,
          headers: { 'content-type': 'application/json', accept },
          body: JSON.stringify(params),
        })
      : await fetch(
          `${url}?${new URLSearchParams(
            Object.entries(params).map(([k, v]) => [
              k,
              typeof v === 'string' ? v : JSON.stringify(v),
            ]),
          )}`,
          { headers: { accept } },
        );
  return {
    status: res.status,
    cacheControl: res.headers.get('cache-control'),
    body: await res.json(),
  };
}

/** An integration-level flow: `flow(selector)` and `refreshFlow` work with the admin token. */
export const someFlow = (gw: TestGateway): WireFlow => {
  const flow = gw.sandbox.data.flows.find((f) => !f.connectionId && !f.archivedAt);
  if (!flow) {
    throw new Error('the seed has no integration-level flow');
  }
  return flow;
};

export const errorBody = (message: string, code: string) => ({
  errors: [{ message, extensions: { code } }],
});
export const NOT_FOUND = errorBody('PersistedQueryNotFound', 'PERSISTED_QUERY_NOT_FOUND');
export const ONLY_PERSISTED = errorBody(
  'Only persisted operations run here: send a documentId or an APQ hash instead of a query.',
  'PERSISTED_QUERY_ONLY',
);
