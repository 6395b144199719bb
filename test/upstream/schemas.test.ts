import { describe, expect, it } from 'vitest';
import {
  UpstreamConnection,
  UpstreamCustomer,
  UpstreamFlow,
  UpstreamIntegration,
  upstreamPage,
} from '../../src/upstream/schemas.js';

describe('payload schemas', () => {
  it('require only what the API always sends', () => {
    expect(UpstreamFlow.safeParse({ id: 'f1', name: 'F' }).success).toBe(true);
    expect(UpstreamFlow.safeParse({ name: 'F' }).success).toBe(false);
    expect(UpstreamIntegration.safeParse({ name: 'Auto' }).success).toBe(true);
    expect(UpstreamIntegration.safeParse({ id: 'i1' }).success).toBe(false);
    expect(UpstreamConnection.safeParse({ id: 'c1', name: 'C' }).success).toBe(true);
    expect(UpstreamConnection.safeParse({ id: 'c1' }).success).toBe(false);
    expect(UpstreamCustomer.safeParse({ id: 'u1', name: 'U' }).success).toBe(true);
    expect(UpstreamCustomer.safeParse({ name: 'U' }).success).toBe(false);
  });

  it('keep unknown fields, top-level and nested', () => {
    const parsed = UpstreamFlow.parse({
      id: 'f1',
      name: 'F',
      brandNew: { x: 1 },
      connection: { id: 'c1', name: 'C', type: 'mcp', later: true },
    });
    expect(parsed).toEqual({
      id: 'f1',
      name: 'F',
      brandNew: { x: 1 },
      connection: { id: 'c1', name: 'C', type: 'mcp', later: true },
    });
  });

  it('treat null in optional fields as absent, keeping meaningful nulls', () => {
    const flow = UpstreamFlow.parse({ id: 'f1', name: 'F', description: null, integration: null });
    expect(flow).toEqual({ id: 'f1', name: 'F' });
    expect('description' in flow).toBe(false);
    const user = UpstreamCustomer.parse({ id: 'u1', name: 'U', aiCreditsRolling30DayLimit: null });
    expect(user).toEqual({ id: 'u1', name: 'U', aiCreditsRolling30DayLimit: null });
    expect(UpstreamFlow.safeParse({ id: 'f1', name: null }).success).toBe(false);
  });

  it('keep unknown enum values as plain strings', () => {
    const flow = UpstreamFlow.parse({ id: 'f1', name: 'F', state: 'HIBERNATING' });
    expect(flow.state).toBe('HIBERNATING');
  });

  it('reject a wrong type in a known field', () => {
    expect(UpstreamFlow.safeParse({ id: 'f1', name: 'F', enabled: 'yes' }).success).toBe(false);
  });

  it('drop an embed that does not match instead of failing the parent', () => {
    const flow = UpstreamFlow.parse({
      id: 'f1',
      name: 'F',
      user: { id: 7 },
      flow: { id: 'p', name: 'P' },
    });
    expect(flow).toEqual({ id: 'f1', name: 'F', flow: { id: 'p', name: 'P' } });
  });

  it('parse embeds of every kind', () => {
    const flow = UpstreamFlow.parse({
      id: 'f1',
      name: 'F',
      integration: { id: 'i1', name: 'Slack', logoUri: 'https://x/l.png' },
      user: { id: 'u1', name: 'U', internalId: 'ext-1' },
      appliedToIntegrations: [
        { element: { id: 'f2', name: 'F2' }, integration: { id: 'i1', name: 'Slack' } },
      ],
    });
    expect(flow.integration?.id).toBe('i1');
    expect(flow.user?.internalId).toBe('ext-1');
    expect(flow.appliedToIntegrations?.[0]?.element.id).toBe('f2');
    const conn = UpstreamConnection.parse({ id: 'c1', name: 'C', user: { id: 'u1', name: 'U' } });
    expect(conn.user).toEqual({ id: 'u1', name: 'U' });
    const integration = UpstreamIntegration.parse({
      id: 'i1',
      name: 'S',
      connection: { id: 'c1', name: 'C' },
    });
    expect(integration.connection).toEqual({ id: 'c1', name: 'C' });
  });

  it('upstreamPage: empty or null cursor means no cursor', () => {
    const page = upstreamPage(UpstreamCustomer);
    expect(page.parse({ items: [{ id: 'u1', name: 'U' }], cursor: 'c2' })).toEqual({
      items: [{ id: 'u1', name: 'U' }],
      cursor: 'c2',
    });
    expect(page.parse({ items: [], cursor: '' })).toEqual({ items: [] });
    expect(page.parse({ items: [], cursor: null })).toEqual({ items: [] });
    expect(page.parse({ items: [] })).toEqual({ items: [] });
    expect(page.safeParse({ cursor: 'x' }).success).toBe(false);
    expect(page.safeParse({ items: [{ id: 'u1' }] }).success).toBe(false);
  });
});
