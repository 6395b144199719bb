import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { EXAMPLE_OPERATION } from '../../src/http/example-operation.js';
import { byCreatedThenId } from '../../src/sandbox/pagination.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { type Browser, CHROMIUM_PATH, isLocalUrl, launchBrowser } from './chromium.js';
import { ensureChromium } from './ensure-chromium.js';
import {
  executeAndReadResponse,
  openGraphiQL,
  queryEditorText,
  replaceQuery,
  saveScreenshot,
} from './graphiql-page.js';

const TYPED_OPERATION = '{ integrations(first: 2) { nodes { key name } } }';

beforeAll(ensureChromium, 600_000);

// Outside the describe: when its beforeAll fails, vitest reports the tests there as skipped.
it(`finds Chromium at ${CHROMIUM_PATH} (a missing browser fails, it never skips)`, () => {
  expect(existsSync(CHROMIUM_PATH), 'install it: apt-get install -y chromium').toBe(true);
});

// One browser and one gateway for the file; the tests run in order on the same page.
describe('GraphiQL in headless Chromium', () => {
  let gw: TestGateway;
  let browser: Browser;

  beforeAll(async () => {
    gw = await startTestGateway();
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

  it('loads everything from the gateway itself: no request leaves 127.0.0.1', () => {
    expect(browser.requests.length).toBeGreaterThan(0);
    expect(browser.requests.filter((url) => !isLocalUrl(url))).toEqual([]);
    expect(browser.requests.filter((url) => url.startsWith(gw.url))).not.toEqual([]);
  });
});
