import { errors, jwtVerify } from 'jose';
import { notAuthenticated } from './http-errors.js';
import type { Principal, Store } from './store.js';

/**
 * Verifies `Authorization: Bearer <JWT>` signed with the workspace secret (membrane-api.md §1.2).
 * Accepts current claims (`workspaceKey`, `tenantKey`, `isAdmin`) and the legacy form the SDK
 * mints (`iss`, `id`).
 */
export async function authenticate(
  header: string | undefined,
  secret: Uint8Array,
  store: Store,
): Promise<Principal> {
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  const token = match?.[1];
  if (token === undefined) {
    throw notAuthenticated('Missing or malformed Authorization header; expected "Bearer <token>"');
  }
  let claims: Record<string, unknown>;
  try {
    const verified = await jwtVerify(token, secret, { algorithms: ['HS256', 'HS512'] });
    claims = verified.payload;
  } catch (error) {
    throw notAuthenticated(
      error instanceof errors.JWTExpired ? 'Token has expired' : 'Invalid token',
    );
  }
  const workspaceKey = claims.workspaceKey ?? claims.iss;
  if (workspaceKey !== store.data.workspaceKey) {
    throw notAuthenticated('Token is not issued for this workspace');
  }
  const tenantKey = claims.tenantKey ?? claims.id;
  if (typeof tenantKey === 'string' && tenantKey !== '') {
    const customer =
      store.customerByInternalId(tenantKey) ??
      store.createTenant(
        tenantKey,
        typeof claims.name === 'string' && claims.name !== '' ? claims.name : tenantKey,
        isRecord(claims.fields) ? claims.fields : undefined,
      );
    return { kind: 'tenant', customer };
  }
  if (claims.isAdmin === true) {
    return { kind: 'admin' };
  }
  throw notAuthenticated('Token has neither a tenantKey nor isAdmin');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
