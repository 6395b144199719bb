import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { EXAMPLE_OPERATION } from '../../src/http/example-operation.js';
import { byCreatedThenId } from '../../src/sandbox/pagination.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { type Browser, CHROMIUM_PATH, isLocalUrl, launchBrowser } from './chromium.js';
import {
  executeAndReadResponse,
  openGraphiQL,
  queryEditorText,
  replaceQuery,
  saveScreenshot,
  waitForResponse,
} from './graphiql-page.js';

const TYPED_OPERATION = '{ integrations(first: 2) { nodes { key name } } }';

// Outside the describe: when its beforeAll fails, vitest reports the tests there as skipped.
it(`finds Chromium at ${CHROMIUM_PATH} (a missing browser fails, it never skips)`, () => {
  expect(
    existsSync(CHROMIUM_PATH),
    'install it: apt-get install -y chromium (npm test does it when run as root on Debian)',
  ).toBe(true);
});

// One browser and one gateway for the file; the tests run in order on the same page.
describe('GraphiQL in headless Chromium', () => {
  let gw: TestGateway;
  let browser: Browser;

  beforeAll(async () => {
    // runs move only when the test steps them; subscriptions poll every 50 ms
    gw = await startTestGateway({
      sandbox: { flowRunStepMs: 0 },
      env: { SUBSCRIPTION_POLL_MS: '50' },
    });
    // Tall: Monaco renders only visible lines, and the example's response is ~95 lines.
    browser = await launchBrowser({ viewport: { width: 1400, height: 2600 } });
  });
  afterAll(async () => {
    await browser?.close();
    await gw?.close();
  });

  const keepScreenshotOnFailure = (name: string) =>
    onTestFailed(async () => {
      const path = await saveScreenshot(browser.page, name);
      console.error(`GraphiQL screenshot kept at ${path}`);
    });

  it('opens with the example operation in the Monaco editor', async () => {
    keepScreenshotOnFailure('graphiql-open');
    await openGraphiQL(browser.page, gw.url);
    expect(await browser.page.title()).toBe('Membrane GraphQL gateway');
    expect(await queryEditorText(browser.page)).toBe(EXAMPLE_OPERATION.trimEnd());
  }, 30_000);

  it('runs the example and shows exactly what the gateway returns over HTTP', async () => {
    keepScreenshotOnFailure('graphiql-example');
    const shown = await executeAndReadResponse(browser.page);
    const http = await gw.execute(EXAMPLE_OPERATION);
    expect(http.errors).toBeUndefined();
    expect(shown).toEqual({ data: http.data });
    // Not vacuous: the sandbox has connection-level flows with all three relations.
    const nodes = (http.data as { flows: { nodes: { integration: unknown }[] } }).flows.nodes;
    expect(nodes).toHaveLength(3);
    expect(nodes.every((n) => n.integration !== null)).toBe(true);
  });

  it('runs an operation typed into the editor', async () => {
    keepScreenshotOnFailure('graphiql-typed');
    await replaceQuery(browser.page, TYPED_OPERATION);
    expect(await queryEditorText(browser.page)).toBe(TYPED_OPERATION);
    const shown = await executeAndReadResponse(browser.page);
    // The sandbox lists integrations by createdAt, then id, archived ones hidden.
    const expected = gw.sandbox.data.integrations
      .filter((i) => i.archivedAt === undefined)
      .sort(byCreatedThenId)
      .slice(0, 2)
      .map((i) => ({ key: i.key, name: i.name }));
    expect(expected).toHaveLength(2);
    expect(shown).toEqual({ data: { integrations: { nodes: expected } } });
  });

  it('runs a subscription (over SSE) and shows each update of a flow run until it completes', async () => {
    keepScreenshotOnFailure('graphiql-subscription');
    const flow = gw.sandbox.data.flows.find(
      (f) =>
        f.connectionId && f.state === 'READY' && !f.archivedAt && Object.keys(f.nodes ?? {}).length,
    );
    const started = await gw.execute<{ runFlow: { id: string } }>(
      'mutation($s: String!) { runFlow(selector: $s) { id } }',
      { s: flow?.id },
    );
    const id = started.data?.runFlow.id as string;
    await replaceQuery(browser.page, `subscription { flowRun(id: "${id}") { id state } }`);
    const stateShown = (shown: Record<string, unknown>) =>
      (shown as { data?: { flowRun?: { state?: string } } }).data?.flowRun?.state;
    const first = await executeAndReadResponse(browser.page);
    expect(first).toEqual({ data: { flowRun: { id, state: 'QUEUED' } } });
    const seen = ['QUEUED'];
    while (gw.sandbox.flowRuns.pending() > 0) {
      gw.sandbox.flowRuns.step();
      const expected = gw.sandbox.data.flowRuns?.find((r) => r.id === id)?.state.toUpperCase();
      const shown = await waitForResponse(browser.page, (s) => stateShown(s) === expected);
      seen.push(String(stateShown(shown)));
    }
    expect(seen.filter((s, i) => seen[i - 1] !== s)).toEqual(['QUEUED', 'RUNNING', 'COMPLETED']);
    expect(gw.live.size).toEqual({ subscriptions: 0, pollers: 0 });
  });

  it('loads everything from the gateway itself: no request leaves 127.0.0.1', () => {
    expect(browser.requests.length).toBeGreaterThan(0);
    expect(browser.requests.filter((url) => !isLocalUrl(url))).toEqual([]);
    expect(browser.requests.filter((url) => url.startsWith(gw.url))).not.toEqual([]);
  });
});
