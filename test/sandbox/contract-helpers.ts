/**
 * Shared pieces of the contract tests: the seed page's example shapes per resource, and one
 * check that runs the strict SDK schema and the "no invented key" comparison together.
 */
import type { z } from 'zod';
import type { Sandbox } from '../../src/sandbox/index.js';
import { busiestCustomer } from '../../src/sandbox/tokens.js';
import type { WireCustomer, WireFlow } from '../../src/sandbox/types.js';
import { extraKeys, type Json, loadRefreshExample } from '../support/seed-example.js';
import { schemaIssues } from './sdk-schemas.js';

type Shape = Record<string, Json>;

export const example = loadRefreshExample();
const at = (value: Json | undefined): Shape => (value ?? {}) as Shape;

/** A flow response (refresh: with its five embeds). */
export const flowExample: Shape = example;
/** An integration response: BaseIntegration plus the tenant's `connection`. */
export const integrationExample: Shape = {
  ...at(example.integration),
  connection: example.connection ?? {},
};
/** A connection response: BaseConnection plus `user`, `integration`, and secret `credentials`. */
export const connectionExample: Shape = {
  ...at(example.connection),
  user: example.user ?? {},
  integration: example.integration ?? {},
  credentials: {},
};
export const customerExample: Shape = at(example.user);
export const errorExample: Shape = at((example.errors as Json[])[0]);

/** A page `{items, cursor?}` compared item by item. */
export const pageOf = (item: Shape): Shape => ({ items: [item], cursor: '<string>' });

/** Schema issues and invented keys of `body`, as one list of lines ([] = conforms). */
export function shapeProblems(schema: z.ZodTypeAny, body: unknown, shape: Shape): string[] {
  const issues = schemaIssues(schema, body);
  return [...(issues === '' ? [] : issues.split('\n')), ...extraKeys(body, shape)];
}

/** The demo tenant (`sandbox.tokens.tenant`) and its live connection-level flows. */
export function demoTenant(sandbox: Sandbox): { customer: WireCustomer; flows: WireFlow[] } {
  const customer = busiestCustomer(sandbox.data);
  if (!customer) {
    throw new Error('the seed has no customer');
  }
  const flows = sandbox.data.flows.filter(
    (f) => f.userId === customer.id && f.connectionId !== undefined && f.archivedAt === undefined,
  );
  return { customer, flows };
}

/** The first live flow of a layer, optionally narrowed further. */
export function liveFlow(
  sandbox: Sandbox,
  layer: 'universal' | 'integration' | 'connection',
  extra: (flow: WireFlow) => boolean = () => true,
): WireFlow {
  const found = sandbox.data.flows.find((f) => {
    const of =
      f.connectionId !== undefined
        ? 'connection'
        : f.integrationId !== undefined
          ? 'integration'
          : 'universal';
    return of === layer && f.archivedAt === undefined && extra(f);
  });
  if (!found) {
    throw new Error(`no live ${layer} flow`);
  }
  return found;
}

/** The five embed keys; a flow without embeds has none of them. */
export const EMBED_KEYS = ['integration', 'appliedToIntegrations', 'user', 'connection', 'flow'];

export function embedsOf(body: Record<string, unknown>): string[] {
  return EMBED_KEYS.filter((key) => key in body);
}

/** The stored flow as the body would show it without embeds. */
export function withoutEmbeds(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([key]) => !EMBED_KEYS.includes(key)));
}
