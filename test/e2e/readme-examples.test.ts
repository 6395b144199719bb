import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

/**
 * The README promises that its examples run on the embedded sandbox as they are. Each ```graphql
 * block runs with the token its paragraph names ("the tenant token"), else with the default
 * admin fallback, and must answer data without errors. Subscriptions are left to their own tests.
 */
const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

interface Example {
  line: number;
  operation: string;
  tenant: boolean;
}

function examples(): Example[] {
  const found: Example[] = [];
  const block = /```graphql\n([\s\S]*?)```/g;
  for (let match = block.exec(README); match; match = block.exec(README)) {
    const before = README.slice(0, match.index);
    const text = before.trimEnd();
    const paragraph = text.slice(text.lastIndexOf('\n\n'));
    const operation = match[1] ?? '';
    if (/^\s*subscription\b/.test(operation)) {
      continue;
    }
    found.push({
      line: before.split('\n').length,
      operation,
      tenant: /tenant token/i.test(paragraph),
    });
  }
  return found;
}

describe('README examples', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ sandbox: { flowRunStepMs: 0 } });
  });
  afterAll(() => gw.close());

  it('has the examples it documents', () => {
    expect(examples().length).toBeGreaterThanOrEqual(9);
  });

  it.each(
    examples().map((e) => [e.line, e] as const),
  )('the example at README line %i runs as it is', async (_, example) => {
    const token = example.tenant ? gw.sandbox.tokens.tenant : undefined;
    const res = await gw.execute(example.operation, {}, { token });
    expect(res.errors).toBeUndefined();
    expect(res.status).toBe(200);
    expect(Object.values(res.data ?? {}).every((value) => value !== null)).toBe(true);
  });
});
