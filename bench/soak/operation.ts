/** One GraphQL request of the mix, and the codes it answers with when nothing fails upstream. */
export interface Operation {
  name: string;
  kind: 'read' | 'error' | 'mutation' | 'control';
  document: string;
  variables?: Record<string, unknown>;
  /** A body sent as is instead of `{ query, variables }` (a malformed request on purpose). */
  rawBody?: string;
  token: 'admin' | 'tenant';
  /** Distinct `extensions.code` values it answers with when no fault reaches it. */
  intended: string[];
  /** How often it is drawn, relative to the others. */
  weight: number;
}

/** Cursors and ids read from the gateway before the run (they are opaque or made lazily). */
export interface Prepared {
  usersCursor: string;
  flowsCursor: string;
  flowRunId: string;
}

export const NO_ID = '000000000000000000000000';
export const pick = <T>(items: readonly T[], i: number): T => items[i % items.length] as T;

export const read = (
  name: string,
  document: string,
  variables?: Record<string, unknown>,
  weight = 1,
  token: 'admin' | 'tenant' = 'admin',
): Operation => ({ name, kind: 'read', document, variables, token, intended: [], weight });

export const failing = (
  name: string,
  intended: string[],
  document: string,
  variables?: Record<string, unknown>,
): Operation => ({ name, kind: 'error', document, variables, token: 'admin', intended, weight: 1 });
