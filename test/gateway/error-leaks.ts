import { expect } from 'vitest';
import type { GraphQLResponse, TestGateway } from '../support/gateway.js';

/** A message the sandbox puts in error bodies: it must never reach a client. */
export const UPSTREAM_DETAIL = 'upstream detail at http://10.1.2.3/internal';

/**
 * Asserts that no error message or extension carries the upstream URL, a bearer token, a stack
 * trace or the upstream's own message (design §5).
 */
export function expectNoLeaks(
  gw: TestGateway,
  res: GraphQLResponse<unknown>,
  tokens: string[] = [],
) {
  const text = JSON.stringify(res.errors ?? []);
  const host = new URL(gw.sandbox.url).host;
  for (const secret of [
    gw.sandbox.url,
    host,
    'Bearer',
    gw.sandbox.tokens.admin,
    gw.sandbox.tokens.tenant,
    ...tokens,
    UPSTREAM_DETAIL,
    '10.1.2.3',
    'stack',
    '    at ',
    'originalError',
  ]) {
    expect(text).not.toContain(secret);
  }
}
