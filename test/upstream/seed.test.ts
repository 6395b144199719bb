import { describe, expect, it } from 'vitest';
import { UpstreamFlow } from '../../src/upstream/schemas.js';
import { loadRefreshExample } from '../support/seed-example.js';

describe('the seed refresh response', () => {
  it('parses as UpstreamFlow with every key and every embed kept', () => {
    const example = loadRefreshExample();
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
