import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { compileParse, MISFIT } from '../../src/upstream/fast-parse.js';
import {
  UpstreamConnection,
  UpstreamCustomer,
  UpstreamFlow,
  UpstreamFlowRun,
  UpstreamIntegration,
  upstreamPage,
} from '../../src/upstream/schemas.js';

type Json = Record<string, unknown>;

const RESOURCES: [string, z.ZodType][] = [
  ['flows', UpstreamFlow],
  ['integrations', UpstreamIntegration],
  ['connections', UpstreamConnection],
  ['customers', UpstreamCustomer],
  ['flow-runs', UpstreamFlowRun],
];

/** Values of another type than `value` has, the way a drifting upstream might send them. */
function wrongTypes(value: unknown): unknown[] {
  if (typeof value === 'string') {
    return [7, true, { a: 1 }, ['x']];
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return ['x', { a: 1 }];
  }
  if (Array.isArray(value)) {
    return [{ a: 1 }, 'x', [null], [7]];
  }
  if (typeof value === 'object' && value !== null) {
    return ['x', 7, [1], { ...value, id: 7, name: null, state: 5 }];
  }
  return [];
}

/** The payload as it is, then one change per key: null, absent, each wrong type, plus an extra key. */
function variants(payload: Json): Json[] {
  const out: Json[] = [payload, { ...payload, somethingNew: { x: [1, null] } }];
  for (const [key, value] of Object.entries(payload)) {
    const { [key]: _, ...without } = payload;
    out.push({ ...payload, [key]: null }, without);
    for (const wrong of wrongTypes(value)) {
      out.push({ ...payload, [key]: wrong });
    }
  }
  return out;
}

/** The fast parser must equal zod wherever it answers, and may only decline (MISFIT) otherwise. */
function expectSameAsZod(schema: z.ZodType, input: unknown): 'fast' | 'declined' {
  const parse = compileParse(schema);
  if (parse === undefined) {
    throw new Error('the schema did not compile');
  }
  const fast = parse(structuredClone(input));
  const zod = schema.safeParse(structuredClone(input));
  if (fast === MISFIT) {
    return 'declined';
  }
  expect(zod.success, JSON.stringify(input).slice(0, 300)).toBe(true);
  expect(fast).toStrictEqual(zod.data);
  return 'fast';
}

describe('compiled payload parsers answer exactly as the zod schemas they come from', () => {
  let sandbox: Sandbox;
  let everyEmbed: Sandbox;
  const pages = new Map<string, Json>();
  const items = new Map<string, Json[]>();
  beforeAll(async () => {
    [sandbox, everyEmbed] = await Promise.all([startSandbox(), startSandbox({ embeds: 'all' })]);
    for (const [name, box] of [
      ['refresh', sandbox],
      ['all', everyEmbed],
    ] as const) {
      for (const [resource] of RESOURCES) {
        const res = await fetch(`${box.url}/${resource}?limit=1000&includeArchived=true`, {
          headers: { authorization: `Bearer ${box.tokens.admin}` },
        });
        const page = (await res.json()) as Json;
        pages.set(`${resource} ${name}`, page);
        items.set(`${resource} ${name}`, page.items as Json[]);
      }
    }
  });
  afterAll(async () => {
    await Promise.all([sandbox.close(), everyEmbed.close()]);
  });

  it('every seed payload takes the fast path, with zod’s result', () => {
    for (const [resource, schema] of RESOURCES) {
      for (const mode of ['refresh', 'all']) {
        const list = items.get(`${resource} ${mode}`) ?? [];
        expect(list.length).toBeGreaterThan(5);
        for (const item of list) {
          expect(expectSameAsZod(schema, item)).toBe('fast');
        }
        const page = pages.get(`${resource} ${mode}`);
        expect(expectSameAsZod(upstreamPage(schema), page)).toBe('fast');
        expect(
          expectSameAsZod(upstreamPage(schema), {
            ...page,
            cursor: 'next',
            items: list.slice(0, 3),
          }),
        ).toBe('fast');
      }
    }
  });

  it.each(
    RESOURCES,
  )('every one-key change of a %s payload: zod’s result, or zod decides', (resource, schema) => {
    let fast = 0;
    let declined = 0;
    for (const mode of ['refresh', 'all']) {
      // the richest payloads of the seed: most keys, embeds included
      const richest = [...(items.get(`${resource} ${mode}`) ?? [])]
        .sort((a, b) => JSON.stringify(b).length - JSON.stringify(a).length)
        .slice(0, 3);
      for (const payload of richest) {
        for (const variant of variants(payload)) {
          if (expectSameAsZod(schema, variant) === 'fast') {
            fast += 1;
          } else {
            declined += 1;
          }
        }
        for (const [key, value] of Object.entries(payload)) {
          if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
            for (const inner of variants(value as Json)) {
              const variant = { ...payload, [key]: inner };
              if (expectSameAsZod(schema, variant) === 'fast') {
                fast += 1;
              } else {
                declined += 1;
              }
            }
          }
        }
      }
    }
    // both paths were exercised: changes that zod repairs or rejects, and changes it accepts
    expect(fast).toBeGreaterThan(50);
    expect(declined).toBeGreaterThan(10);
  });

  it('a broken embed is dropped as zod drops it; a null meaningful field survives', () => {
    const flow = items.get('flows all')?.find((f) => f.integration !== undefined) as Json;
    expect(flow).toBeDefined();
    expect(expectSameAsZod(UpstreamFlow, { ...flow, integration: { id: 5 } })).toBe('fast');
    const customer = items.get('customers refresh')?.[0] as Json;
    expect(
      expectSameAsZod(UpstreamCustomer, { ...customer, aiCreditsRolling30DayLimit: null }),
    ).toBe('fast');
  });
});
