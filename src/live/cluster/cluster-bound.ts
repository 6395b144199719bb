import type { SharedRedis } from '../../redis/shared-redis.js';

/** How long a replica's subscription counts without being renewed (a crashed one's fall out). */
export const ENTRY_TTL_MS = 15_000;

/**
 * MAX_SUBSCRIPTIONS_PER_CREDENTIAL across the cluster: one sorted set per credential hash, one
 * entry per open subscription, renewed by its replica every third of ENTRY_TTL_MS. While Redis
 * is down a subscription is admitted on the process's own count (the hub's) and entered once
 * Redis is back.
 */
export class ClusterBound {
  readonly #redis: SharedRedis;
  readonly #max: number;
  readonly #replicaId: string;
  /** This replica's entries, by credential hash. */
  readonly #entries = new Map<string, Set<string>>();
  readonly #ttlMs: number;
  #sequence = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(redis: SharedRedis, max: number, replicaId: string, ttlMs = ENTRY_TTL_MS) {
    this.#redis = redis;
    this.#max = max;
    this.#replicaId = replicaId;
    this.#ttlMs = ttlMs;
  }

  /** One more subscription of the credential: its release, or undefined when the cluster is full. */
  async admit(credential: string): Promise<(() => void) | undefined> {
    const member = `${this.#replicaId}:${++this.#sequence}`;
    if (this.#redis.isUp()) {
      const admitted = await this.#redis.commands
        .gatewayAdmit(this.#key(credential), this.#max, this.#ttlMs, member)
        .catch(() => 1);
      if (admitted !== 1) {
        return undefined;
      }
    }
    const entries = this.#entries.get(credential) ?? new Set<string>();
    entries.add(member);
    this.#entries.set(credential, entries);
    this.#timer ??= setInterval(() => this.#renew(), this.#ttlMs / 3).unref();
    return () => this.#release(credential, member);
  }

  close(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #release(credential: string, member: string): void {
    const entries = this.#entries.get(credential);
    if (!entries?.delete(member)) {
      return;
    }
    if (entries.size === 0) {
      this.#entries.delete(credential);
    }
    if (this.#entries.size === 0) {
      this.close();
    }
    if (this.#redis.isUp()) {
      this.#redis.commands.zrem(this.#key(credential), member).catch(() => undefined);
    }
  }

  #renew(): void {
    if (!this.#redis.isUp()) {
      return;
    }
    for (const [credential, entries] of this.#entries) {
      this.#redis.commands
        .gatewayRenewEntries(this.#key(credential), this.#ttlMs, ...entries)
        .catch(() => undefined);
    }
  }

  #key(credential: string): string {
    return this.#redis.key('live', 'subscriptions', credential);
  }
}
