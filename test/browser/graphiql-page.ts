import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';

const QUERY_EDITOR = '.graphiql-query-editor .monaco-editor';
const QUERY_LINES = '.graphiql-query-editor .view-lines';
const RESPONSE_LINES = '.graphiql-response .view-lines';
const ARTIFACTS = resolve('test/artifacts');

/** Monaco renders spaces as no-break spaces; JSON and GraphQL want plain ones. */
const plain = (text: string) => text.replaceAll('\u00a0', ' ');

/** Opens GraphiQL and waits until its Monaco query editor is on screen. */
export async function openGraphiQL(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'load' });
  // generous: the page inlines ~9 MB of GraphiQL and Monaco, slow on a busy 2-core CI machine
  await page.waitForSelector(QUERY_EDITOR, { state: 'visible', timeout: 25_000 });
  await page.waitForSelector('.graphiql-execute-button', { state: 'visible', timeout: 5_000 });
}

/** The text the query editor shows (every line is rendered: the operations are short). */
export async function queryEditorText(page: Page): Promise<string> {
  return plain(await page.locator(QUERY_LINES).innerText()).trimEnd();
}

/**
 * Replaces the operation like a user would: click, select all, type. `insertText` types the text
 * as one input event (key-by-key typing fights Monaco's bracket auto-closing). Monaco may still
 * add a closing brace after the cursor a moment later, so once the text settles anything after
 * the cursor is selected and deleted.
 */
export async function replaceQuery(page: Page, text: string): Promise<void> {
  await page.locator(QUERY_EDITOR).click();
  await page.keyboard.press('ControlOrMeta+KeyA');
  await page.keyboard.insertText(text);
  await settledEditorText(page);
  await page.keyboard.press('Shift+ControlOrMeta+End');
  await page.keyboard.press('Delete');
  if ((await settledEditorText(page)) !== text) {
    throw new Error(`the query editor shows ${JSON.stringify(await queryEditorText(page))}`);
  }
  // GraphiQL derives the operation name from the edited document after a debounce; running
  // before that sends the old name ("Cannot infer operation ConnectionFlows").
  await page.waitForTimeout(500);
}

/** Reads the editor until two reads 150 ms apart agree. */
async function settledEditorText(page: Page): Promise<string> {
  let previous = await queryEditorText(page);
  for (let i = 0; i < 20; i++) {
    await page.waitForTimeout(150);
    const current = await queryEditorText(page);
    if (current === previous) {
      return current;
    }
    previous = current;
  }
  return previous;
}

/**
 * Clicks the execute button and returns the response GraphiQL then shows, parsed: the first
 * complete JSON text that differs from what was on screen before the click.
 */
export async function executeAndReadResponse(page: Page, timeoutMs = 10_000): Promise<unknown> {
  const before = await responseText(page);
  await page.locator('.graphiql-execute-button').click();
  const deadline = Date.now() + timeoutMs;
  let last = before;
  while (Date.now() < deadline) {
    last = await responseText(page);
    const parsed = last === before ? undefined : parseJson(last);
    if (isObject(parsed)) {
      return parsed;
    }
    await page.waitForTimeout(100);
  }
  throw new Error(
    `GraphiQL showed no new complete JSON response within ${timeoutMs} ms; last text:\n${last.slice(0, 2000)}`,
  );
}

/**
 * Waits until the response pane shows complete JSON for which `check` holds (a subscription's
 * pane shows each update in turn), and returns it.
 */
export async function waitForResponse(
  page: Page,
  check: (shown: Record<string, unknown>) => boolean,
  timeoutMs = 10_000,
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = await responseText(page);
    const parsed = parseJson(last);
    if (isObject(parsed) && check(parsed)) {
      return parsed;
    }
    await page.waitForTimeout(50);
  }
  throw new Error(
    `GraphiQL showed no matching response within ${timeoutMs} ms; last text:\n${last.slice(0, 2000)}`,
  );
}

async function responseText(page: Page): Promise<string> {
  const lines = page.locator(RESPONSE_LINES);
  return (await lines.count()) === 0 ? '' : plain(await lines.innerText());
}

/** Saves a full-page screenshot under test/artifacts/ and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name.replace(/[^a-z0-9-]+/gi, '-')}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
