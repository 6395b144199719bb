import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createGatewayServer } from '../../src/http/server.js';
import { createLogger } from '../../src/logger.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { createDispatcher } from '../../src/upstream/dispatcher.js';

describe('readiness while draining', () => {
  let sandbox: Sandbox;
  const dispatcher = createDispatcher({ connections: 4 });
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(async () => {
    await dispatcher.close();
    await sandbox.close();
  });

  it('/readyz turns 503 as soon as the drain starts, /healthz stays 200', async () => {
    const gateway = createGatewayServer({
      config: loadConfig({ MEMBRANE_API_URL: sandbox.url, LOG_LEVEL: 'silent' }),
      upstreamUrl: sandbox.url,
      fallbackToken: sandbox.tokens.admin,
      dispatcher,
      log: createLogger('silent'),
    });
    await new Promise<void>((resolve) => gateway.server.listen(0, '127.0.0.1', resolve));
    expect((await gateway.app.fetch('http://gateway/readyz')).status).toBe(200);
    expect(await gateway.drain(1_000)).toBe(true);
    expect(gateway.server.listening).toBe(false);
    expect((await gateway.app.fetch('http://gateway/readyz')).status).toBe(503);
    expect((await gateway.app.fetch('http://gateway/healthz')).status).toBe(200);
  });
});
