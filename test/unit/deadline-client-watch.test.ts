import { getEventListeners } from 'node:events';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createContextFactory } from '../../src/context-factory.js';
import { createLogger } from '../../src/logger.js';
import { createDispatcher } from '../../src/upstream/dispatcher.js';

describe('an operation watches its client only while it runs', () => {
  const dispatcher = createDispatcher({ connections: 1 });
  afterAll(() => dispatcher.close());
  const contextFor = createContextFactory({
    config: loadConfig({ LOG_LEVEL: 'silent' }),
    upstreamUrl: 'http://127.0.0.1:9',
    fallbackToken: undefined,
    dispatcher,
    log: createLogger('silent'),
  });

  it('a subscription’s many updates on one request leave no abort listener behind', () => {
    const client = new AbortController();
    const request = { headers: { get: () => null }, signal: client.signal };
    for (let update = 0; update < 50; update += 1) {
      const context = contextFor({ request });
      expect(context.deadline.signal.aborted).toBe(false);
      expect(getEventListeners(client.signal, 'abort')).toHaveLength(1);
      context.deadline.dispose();
    }
    expect(getEventListeners(client.signal, 'abort')).toHaveLength(0);
  });

  it('still aborts the operation when the client leaves while it runs', () => {
    const client = new AbortController();
    const context = contextFor({
      request: { headers: { get: () => null }, signal: client.signal },
    });
    const signal = context.deadline.signal;
    client.abort(new Error('gone'));
    expect(signal.aborted).toBe(true);
    expect((signal.reason as Error).message).toBe('gone');
    context.deadline.dispose();
  });
});
