import { Agent, request } from 'undici';
import type { WireFlow } from '../src/sandbox/types.js';
import type { Relation } from './scenarios.js';

/** A non-2xx answer of the upstream; the baseline turns it into a 502. */
export class UpstreamFailure extends Error {
  override readonly name = 'UpstreamFailure';
  constructor(
    readonly status: number,
    body: string,
  ) {
    super(`upstream answered ${status}: ${body.slice(0, 200)}`);
  }
}

export type Json = Record<string, unknown>;

export interface RestClient {
  get<T = Json>(path: string, query?: Record<string, string>): Promise<T>;
  close(): Promise<void>;
}

/**
 * What a hand-written BFF uses: undici with keep-alive and the same socket limit as the
 * gateway (64 per origin), JSON in and out, no cache, no retry, no deduplication.
 */
export function createRestClient(baseUrl: string, token: string): RestClient {
  const agent = new Agent({ connections: 64, keepAliveTimeout: 4_000 });
  const headers = {
    authorization: `Bearer ${token}`,
    'membrane-api-version': '2025-10-21',
    accept: 'application/json',
  };
  return {
    async get<T>(path: string, query: Record<string, string> = {}) {
      const search = new URLSearchParams(query).toString();
      const url = `${baseUrl}${path}${search ? `?${search}` : ''}`;
      const { statusCode, body } = await request(url, { dispatcher: agent, headers });
      const text = await body.text();
      if (statusCode < 200 || statusCode > 299) {
        throw new UpstreamFailure(statusCode, text);
      }
      return JSON.parse(text) as T;
    },
    close: () => agent.close(),
  };
}

const RELATION_PATH: Record<Relation, string> = {
  integration: '/integrations/',
  connection: '/connections/',
  user: '/customers/',
};

function foreignKey(flow: WireFlow, relation: Relation): string | undefined {
  switch (relation) {
    case 'integration':
      return flow.integrationId;
    case 'connection':
      return flow.connectionId;
    case 'user':
      return flow.userId ?? flow.tenantId;
  }
}

/** One GET per relation of this flow, all at once; absent foreign key → null. */
export async function expandFlow(
  client: RestClient,
  flow: WireFlow,
  relations: readonly Relation[],
): Promise<Partial<Record<Relation, Json | null>>> {
  const loaded = await Promise.all(
    relations.map((relation) => {
      const id = foreignKey(flow, relation);
      return id === undefined
        ? null
        : client.get(`${RELATION_PATH[relation]}${encodeURIComponent(id)}`);
    }),
  );
  return Object.fromEntries(relations.map((relation, i) => [relation, loaded[i] ?? null]));
}

/** Sparse fieldset: exactly these fields, a missing one as null (like GraphQL). */
export function pick(value: Json | WireFlow | null | undefined, fields: readonly string[]) {
  if (value === null || value === undefined) {
    return null;
  }
  const record = value as Json;
  return Object.fromEntries(fields.map((f) => [f, record[f] ?? null]));
}
