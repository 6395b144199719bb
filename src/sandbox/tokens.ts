import { createHmac } from 'node:crypto';
import type { SandboxData, WireCustomer } from './types.js';

const LIFETIME_SECONDS = 30 * 24 * 3600;

/** Demo tokens for the sandbox workspace (HS256, 30-day expiry). */
export interface SandboxTokens {
  admin: string;
  tenant: string;
  forTenant(tenantKey: string): string;
}

const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Signs an HS256 JWT synchronously (node:crypto), so `forTenant` can stay synchronous.
 * `jose` verifies these like any other HS256 token.
 */
export function signHs256(claims: Record<string, unknown>, secret: string): string {
  const now = Math.floor(Date.now() / 1000);
  const body = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ iat: now, exp: now + LIFETIME_SECONDS, ...claims })}`;
  const signature = createHmac('sha256', secret).update(body).digest('base64url');
  return `${body}.${signature}`;
}

export function mintTokens(data: SandboxData, secret: string): SandboxTokens {
  const forTenant = (tenantKey: string): string => {
    const customer = data.customers.find((c) => c.internalId === tenantKey);
    const claims: Record<string, unknown> = { workspaceKey: data.workspaceKey, tenantKey };
    if (customer !== undefined) {
      claims.name = customer.name;
    }
    return signHs256(claims, secret);
  };
  const busiest = busiestCustomer(data);
  return {
    admin: signHs256({ workspaceKey: data.workspaceKey, isAdmin: true }, secret),
    tenant: busiest === undefined ? '' : forTenant(busiest.internalId),
    forTenant,
  };
}

/** The customer with the most connections (ties: first in data order), for the demo tenant token. */
export function busiestCustomer(data: SandboxData): WireCustomer | undefined {
  const counts = new Map<string, number>();
  for (const connection of data.connections) {
    counts.set(connection.userId, (counts.get(connection.userId) ?? 0) + 1);
  }
  let best: WireCustomer | undefined;
  for (const customer of data.customers) {
    if (best === undefined || (counts.get(customer.id) ?? 0) > (counts.get(best.id) ?? 0)) {
      best = customer;
    }
  }
  return best;
}
