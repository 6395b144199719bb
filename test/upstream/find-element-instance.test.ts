import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/errors.js';
import type { ElementListFilters } from '../../src/upstream/element-selector.js';
import { findElementInstance } from '../../src/upstream/find-element-instance.js';
import type { UpstreamFlow } from '../../src/upstream/schemas.js';

const instance = (id: string, extra: Partial<UpstreamFlow>): UpstreamFlow => ({
  id,
  name: id,
  connectionId: 'c1',
  ...extra,
});

/** A fake `GET /flows` that serves `items` in pages of `size` and records its calls. */
function fakeList(items: UpstreamFlow[], size = 1000) {
  const calls: { filters: ElementListFilters; limit: number; cursor?: string }[] = [];
  const list = async (filters: ElementListFilters, page: { limit: number; cursor?: string }) => {
    calls.push({ filters, ...page });
    const start = Number(page.cursor ?? 0);
    const next = start + size < items.length ? String(start + size) : undefined;
    return { items: items.slice(start, start + size), ...(next && { cursor: next }) };
  };
  return { list, calls };
}

const FLOWS = [
  instance('i1', { key: 'sync', flowId: 'p1', universalFlowId: 'u1', integrationKey: 'slack' }),
  instance('i2', { key: 'sync', flowId: 'p2', integrationKey: 'hubspot' }),
  instance('i3', { key: 'export', flowId: 'p3' }),
];

/** The flow lookup: a flow instance's parents are its integration-level and universal flow. */
const findFlowInstance = (
  list: Parameters<typeof findElementInstance<UpstreamFlow>>[0],
  selector: string,
  params: Parameters<typeof findElementInstance>[2],
) => findElementInstance(list, selector, params, ['flowId', 'universalFlowId'], 'flow');

describe('findElementInstance', () => {
  it.each([
    ['its own id', 'i3', 'i3'],
    ['its parent flow id', 'p2', 'i2'],
    ['its universal flow id', 'u1', 'i1'],
    ['its key (first match)', 'sync', 'i1'],
    ['integrationKey.flowKey', 'hubspot.sync', 'i2'],
  ])('matches by %s', async (_, selector, expected) => {
    const { list } = fakeList(FLOWS);
    expect((await findFlowInstance(list, selector, { connectionId: 'c1' })).id).toBe(expected);
  });

  it('asks the list filter for connection-level flows, never a selector lookup', async () => {
    const { list, calls } = fakeList(FLOWS);
    await findFlowInstance(list, 'hubspot.sync', { connectionId: 'c1', instanceKey: 'default' });
    expect(calls).toEqual([
      {
        filters: {
          layer: 'connection',
          connectionId: 'c1',
          connectionKey: undefined,
          instanceKey: 'default',
          integrationId: undefined,
          integrationKey: 'hubspot',
        },
        limit: 1000,
        cursor: undefined,
      },
    ]);
  });

  it('walks the pages until it finds the instance', async () => {
    const { list, calls } = fakeList(FLOWS, 1);
    expect((await findFlowInstance(list, 'export', { connectionId: 'c1' })).id).toBe('i3');
    expect(calls.map((c) => c.cursor)).toEqual([undefined, '1', '2']);
  });

  it('is NOT_FOUND (with no invented upstream status) when nothing matches', async () => {
    const { list } = fakeList(FLOWS);
    const error = await findFlowInstance(list, 'nope', { connectionId: 'c1' }).catch((e) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect([error.code, error.upstream]).toEqual(['NOT_FOUND', undefined]);
  });

  it('rejects a bad selector or clarifying id before any call', async () => {
    const { list, calls } = fakeList(FLOWS);
    for (const [selector, params] of [
      ['../x', { connectionId: 'c1' }],
      ['sync', { connectionId: 'a/b' }],
      ['sync', { connectionId: 'c1', instanceKey: 'x y' }],
    ] as const) {
      const error = await findFlowInstance(list, selector, params).catch((e) => e);
      expect(error.code).toBe('BAD_USER_INPUT');
    }
    expect(calls).toEqual([]);
  });
});
