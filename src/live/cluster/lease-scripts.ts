import type { Redis, Result } from 'ioredis';

/**
 * Takes the lease when it is free, or renews it when this replica holds it: 1 when it is ours
 * now, 0 when another replica holds it. One script for both, so a poller replaced in the same
 * process keeps the lease its predecessor held.
 */
const CLAIM = `
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if holder then
  return 0
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`;

/** Gives the lease up, only if this replica still holds it (a drain: another takes it at once). */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

/**
 * Admits one more subscription of a credential when the cluster holds fewer than the bound.
 * Entries are scored by their expiry (Redis's clock): a replica renews its own, so those of a
 * replica that died fall out by themselves.
 */
const ADMIT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then
  return 0
end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

/** Renews this replica's entries of one credential (and puts back those an outage lost). */
const RENEW = `
local t = redis.call('TIME')
local expires = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) + tonumber(ARGV[1])
for i = 2, #ARGV do
  redis.call('ZADD', KEYS[1], expires, ARGV[i])
end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return #ARGV - 1`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    gatewayClaimLease(key: string, holder: string, ttlMs: number): Result<number, Context>;
    gatewayReleaseLease(key: string, holder: string): Result<number, Context>;
    gatewayAdmit(key: string, max: number, ttlMs: number, member: string): Result<number, Context>;
    gatewayRenewEntries(key: string, ttlMs: number, ...members: string[]): Result<number, Context>;
  }
}

/** Defines the live hub's scripts on the client (EVALSHA, loaded again after a restart). */
export function defineLiveScripts(redis: Redis): void {
  redis.defineCommand('gatewayClaimLease', { numberOfKeys: 1, lua: CLAIM });
  redis.defineCommand('gatewayReleaseLease', { numberOfKeys: 1, lua: RELEASE });
  redis.defineCommand('gatewayAdmit', { numberOfKeys: 1, lua: ADMIT });
  redis.defineCommand('gatewayRenewEntries', { numberOfKeys: 1, lua: RENEW });
}
