import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxData, WireCustomer } from '../../src/sandbox/types.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { firstIds, live, logOrder } from './wire-fields.js';

// Tenant isolation (design §3) for actions and their run logs, under concurrent load.

const LISTS = `{
  actions(layer: CONNECTION, first: 100) { nodes { id userId connection { id userId } } }
  actionRunLogs(first: 100) { nodes { id userId user { id } } }
}`;

interface Lists {
  actions: { nodes: { id: string; userId: string; connection: { id: string; userId: string } }[] };
  actionRunLogs: { nodes: { id: string; userId: string; user: { id: string } }[] };
}

/** Two customers that both own live connection-level actions and run logs. */
function twoTenants(data: SandboxData): [WireCustomer, WireCustomer] {
  const owners = data.customers.filter(
    (c) =>
      (data.actions ?? []).some((a) => a.userId === c.id && live(a)) &&
      (data.actionRunLogs ?? []).some((l) => l.userId === c.id),
  );
  const [a, b] = owners;
  if (!a || !b) {
    throw new Error('the seed needs two tenants with actions and run logs');
  }
  return [a, b];
}

function expectedFor(data: SandboxData, customer: WireCustomer): Lists {
  const mine = (data.actions ?? []).filter(
    (a) => a.connectionId && a.userId === customer.id && live(a),
  );
  const byId = new Map(mine.map((a) => [a.id, a]));
  const logs = logOrder((data.actionRunLogs ?? []).filter((l) => l.userId === customer.id));
  return {
    actions: {
      nodes: firstIds(mine).map((id) => ({
        id,
        userId: customer.id,
        connection: { id: byId.get(id)?.connectionId ?? '', userId: customer.id },
      })),
    },
    actionRunLogs: {
      nodes: logs
        .slice(0, 100)
        .map((l) => ({ id: l.id, userId: customer.id, user: { id: customer.id } })),
    },
  };
}

describe('tenant isolation: actions and action run logs', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
    // the run history is seeded on its first read
    await gw.execute('{ actionRunLogs(first: 1) { nodes { id } } }');
  });
  afterAll(() => gw.close());

  it('two tenants × 20 concurrent requests each see only their own actions and runs', async () => {
    const data = gw.sandbox.data;
    const tenants = twoTenants(data);
    const tokens = tenants.map((c) => gw.sandbox.tokens.forTenant(c.internalId));
    const expected = tenants.map((c) => expectedFor(data, c));
    expect(expected[0]).not.toEqual(expected[1]);
    const order = Array.from({ length: 40 }, (_, i) => i % 2);
    gw.resetCalls();
    const answers = await Promise.all(
      order.map((i) => gw.execute<Lists>(LISTS, undefined, { token: tokens[i] })),
    );
    for (const [n, res] of answers.entries()) {
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual(expected[order[n] as number]);
    }
    // every upstream call carried the token of the request it served
    const seen = new Set(gw.records().map((r) => r.authorization));
    expect([...seen].sort()).toEqual(tokens.map((t) => `Bearer ${t}`).sort());
  });
});
