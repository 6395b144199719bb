import { request } from 'undici';
import { type Sandbox, type SandboxOptions, startSandbox } from '../../src/sandbox/index.js';
import { fixture } from './fixture.js';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON
  json: any;
}

/** Starts a sandbox on the hand-made fixture unless `data` is given. */
export function startFixture(options: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox({ data: fixture(), ...options });
}

/** One HTTP call; `token: null` sends no Authorization header. */
export async function call(
  sandbox: Sandbox,
  method: string,
  path: string,
  options: { token?: string | null; body?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const token = options.token === undefined ? sandbox.tokens.admin : options.token;
  const headers: Record<string, string> = { ...options.headers };
  if (token !== null) {
    headers.authorization = `Bearer ${token}`;
  }
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
  }
  const res = await request(`${sandbox.url}${path}`, {
    method: method as 'GET',
    headers,
    ...(options.body === undefined ? {} : { body: options.body }),
  });
  const text = await res.body.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.statusCode, headers: res.headers, text, json };
}

/** Follows `cursor` to the end and returns every item id, page sizes included. */
export async function walk(
  sandbox: Sandbox,
  path: string,
  limit: number,
  token?: string,
): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | undefined = '0';
  let pages = 0;
  while (cursor !== undefined) {
    const sep = path.includes('?') ? '&' : '?';
    const res = await call(sandbox, 'GET', `${path}${sep}limit=${limit}&cursor=${cursor}`, {
      ...(token === undefined ? {} : { token }),
    });
    if (res.status !== 200) {
      throw new Error(`walk ${path}: ${res.status} ${res.text}`);
    }
    pages += 1;
    for (const item of res.json.items as { id: string }[]) {
      ids.push(item.id);
    }
    cursor = res.json.cursor;
  }
  return { ids, pages };
}
