import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UpstreamFlow } from '../../src/upstream/schemas.js';

/** The API reference page for `POST /flows/{selector}/refresh` (outside the repo: optional). */
const SEED = '/work/shared/seeds/refresh-flow-endpoint.txt';

function seedExample(): Record<string, unknown> {
  const text = readFileSync(SEED, 'utf8');
  const lines = text.split('\n');
  const start = lines.indexOf('{');
  const end = lines.indexOf('}', start);
  return JSON.parse(lines.slice(start, end + 1).join('\n')) as Record<string, unknown>;
}

describe.runIf(existsSync(SEED))('the seed refresh response', () => {
  it('parses as UpstreamFlow with every key and every embed kept', () => {
    const example = seedExample();
    const parsed = UpstreamFlow.parse(example);
    expect(Object.keys(parsed).sort()).toEqual(Object.keys(example).sort());
    expect(Object.keys(parsed)).toHaveLength(44);
    expect(parsed.integration).toEqual(example.integration);
    expect(parsed.user).toEqual(example.user);
    expect(parsed.connection).toEqual(example.connection);
    expect(parsed.flow).toEqual(example.flow);
    expect(parsed.appliedToIntegrations).toEqual(example.appliedToIntegrations);
  });
});
