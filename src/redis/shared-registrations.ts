import type { SharedRedis } from './shared-redis.js';

/** APQ registrations every replica sees (PERSISTED_OPERATIONS=allow with REDIS_URL). */
export interface SharedRegistrations {
  /** The document registered under `hex`; undefined when none is, or Redis cannot answer. */
  get(hex: string): Promise<string | undefined>;
  /** Registers it for every replica; never throws (Redis down: this replica keeps its own). */
  set(hex: string, document: string): Promise<void>;
}

/**
 * Documents in a hash, their last use in a sorted set and their total size in a counter: the
 * least recently used go first past `maxDocuments` or `maxChars` (as in one process, where
 * it is UTF-16 units; here the UTF-8 bytes Lua counts). Atomic, so concurrent replicas never
 * leave the three apart.
 */
const REGISTER = `
local documents, used, size = KEYS[1], KEYS[2], KEYS[3]
local hex, document, now = ARGV[1], ARGV[2], ARGV[3]
local maxDocuments, maxChars = tonumber(ARGV[4]), tonumber(ARGV[5])
redis.call('ZADD', used, now, hex)
if redis.call('HSETNX', documents, hex, document) == 0 then
  return 0
end
local total = redis.call('INCRBY', size, string.len(document))
while redis.call('ZCARD', used) > maxDocuments or total > maxChars do
  local oldest = redis.call('ZRANGE', used, 0, 0)[1]
  if not oldest then
    break
  end
  local gone = redis.call('HGET', documents, oldest)
  redis.call('ZREM', used, oldest)
  redis.call('HDEL', documents, oldest)
  if gone then
    total = redis.call('INCRBY', size, -string.len(gone))
  end
end
return 1
`;

const LOOKUP = `
local document = redis.call('HGET', KEYS[1], ARGV[1])
if document then
  redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
end
return document
`;

type Register = (
  documents: string,
  used: string,
  size: string,
  hex: string,
  document: string,
  now: number,
  maxDocuments: number,
  maxChars: number,
) => Promise<number>;
type Lookup = (documents: string, used: string, hex: string, now: number) => Promise<string | null>;

/** Epoch ms with sub-millisecond digits: uses within one millisecond keep their order. */
const now = () => performance.timeOrigin + performance.now();

export function createSharedRegistrations(
  redis: SharedRedis,
  bounds: { maxDocuments: number; maxChars: number },
): SharedRegistrations {
  const { commands } = redis;
  commands.defineCommand('gatewayApqRegister', { numberOfKeys: 3, lua: REGISTER });
  commands.defineCommand('gatewayApqLookup', { numberOfKeys: 2, lua: LOOKUP });
  const scripts = commands as unknown as { gatewayApqRegister: Register; gatewayApqLookup: Lookup };
  const documents = redis.key('apq', 'documents');
  const used = redis.key('apq', 'used');
  const size = redis.key('apq', 'size');
  return {
    async get(hex) {
      if (!redis.isUp()) {
        return undefined;
      }
      const found = await scripts.gatewayApqLookup(documents, used, hex, now()).catch(() => null);
      return found ?? undefined;
    },
    async set(hex, document) {
      if (!redis.isUp()) {
        return;
      }
      await scripts
        .gatewayApqRegister(
          documents,
          used,
          size,
          hex,
          document,
          now(),
          bounds.maxDocuments,
          bounds.maxChars,
        )
        .catch(() => undefined);
    },
  };
}
