import { createHash } from 'node:crypto';
import { createLimiter, type Limiter } from './concurrency.js';

/** What stands for a credential in memory (limiters, live pollers): its hash, never the token. */
export function credentialKey(authorization: string | undefined): string {
  return createHash('sha256')
    .update(authorization ?? '')
    .digest('base64url');
}

/**
 * One concurrency limiter per credential, shared by all its concurrent operations, so one
 * tenant cannot flood the upstream's per-customer parallel limit (design §6.5, membrane-api.md §8).
 * Keys are hashes, not tokens; the least recently used credential is forgotten past `capacity`.
 */
export function createCredentialLimiters(perCredential: number, capacity = 1000) {
  const byKey = new Map<string, Limiter>();
  // Most requests carry the same credential as the one before (a fallback token, one app's
  // token): that one is answered without hashing.
  let last: { authorization: string | undefined; limiter: Limiter } | undefined;
  return (authorization: string | undefined): Limiter => {
    if (last && last.authorization === authorization) {
      return last.limiter;
    }
    const key = credentialKey(authorization);
    const limiter = byKey.get(key) ?? createLimiter(perCredential);
    byKey.delete(key);
    byKey.set(key, limiter);
    last = { authorization, limiter };
    if (byKey.size > capacity) {
      const oldest = byKey.keys().next().value;
      if (oldest !== undefined) {
        byKey.delete(oldest);
      }
    }
    return limiter;
  };
}
