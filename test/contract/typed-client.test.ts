import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import {
  FlowOverview,
  flowOverview,
  GraphQLRequestError,
  request,
} from '../../examples/typed-client.js';
import type { FlowOverviewQuery } from '../gql/graphql.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

describe('examples/typed-client.ts against the real gateway', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ fallback: 'none' });
  });
  afterAll(() => gw.close());

  it('returns the typed flow with its relations', async () => {
    const { data, tokens } = gw.sandbox;
    const flow = data.flows.find(
      (f) => f.connectionId && f.userId && f.integrationId && !f.archivedAt,
    );
    if (!flow) {
      throw new Error('seed has no connection-level flow');
    }
    const result = await flowOverview(gw.url, flow.id, { token: tokens.admin });
    expectTypeOf(result).toEqualTypeOf<FlowOverviewQuery['flow']>();
    expectTypeOf(result?.integration?.name).toEqualTypeOf<string | undefined>();
    const nameOf = <T extends { id: string; name: string }>(list: T[], id?: string) => {
      const found = list.find((x) => x.id === id);
      return found ? { id: found.id, name: found.name } : null;
    };
    expect(result).toEqual({
      id: flow.id,
      name: flow.name,
      state: flow.state?.toUpperCase().replaceAll('-', '_') ?? null,
      integration: nameOf(data.integrations, flow.integrationId),
      user: nameOf(data.customers, flow.userId),
      connection: nameOf(data.connections, flow.connectionId),
    });
  });

  it('surfaces GraphQL errors with their codes', async () => {
    const failure = request(gw.url, FlowOverview, { selector: 'x' });
    await expect(failure).rejects.toThrow(GraphQLRequestError);
    await expect(request(gw.url, FlowOverview, { selector: 'x' })).rejects.toThrow(
      /^UNAUTHENTICATED: /,
    );
  });
});
