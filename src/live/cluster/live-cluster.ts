import { createHash } from 'node:crypto';
import type { SharedRedis } from '../../redis/shared-redis.js';

/** What travels between replicas: a value read upstream, or why the stream ends (no stack). */
export type SharedEvent =
  | { value: unknown }
  | { error: { code: string; message: string; upstream?: unknown; retryAfter?: number } };

/** A poller as the cluster drives it. */
export interface ClusterMember {
  /** Read upstream from now on (this replica holds the lease, or Redis is down). */
  lead(): void;
  /** Stop reading: another replica polls, its events arrive through `receive`. */
  follow(): void;
  /** An event another replica's poller sent (or the last one it stored, on joining). */
  receive(event: SharedEvent): void;
}

/** A poller's place in the cluster, from `join` to `leave`. */
export interface ClusterSeat {
  /** Sends what this replica's poller read to the other replicas (and stores it for joiners). */
  publish(event: SharedEvent): void;
  leave(): void;
}

interface Seat extends ClusterSeat {
  readonly id: string;
  readonly member: ClusterMember;
  holdsLease: boolean;
  leading: boolean;
  /** An event arrived (a stored one read on joining is then older: dropped). */
  received: boolean;
  /** Its channel: subscribed, being subscribed, or not (a refused SUBSCRIBE is made again). */
  listening: 'yes' | 'pending' | 'no';
}

type Message = SharedEvent & { from: string };

/**
 * One poller per (credential hash, resource) in the cluster (design §11): a lease in Redis
 * taken by one of the replicas whose subscribers watch the resource, renewed every half poll
 * interval and valid for one and a half, so a replica that dies is replaced within two
 * intervals and one that drains gives the lease up at once. The holder's changes fan out over
 * pub/sub; the last one is kept for replicas that join later. While Redis is down every
 * replica polls for its own subscribers, as without a cluster.
 */
export class LiveCluster {
  readonly #redis: SharedRedis;
  readonly #replicaId: string;
  readonly #leaseMs: number;
  readonly #tickMs: number;
  /** How long the last event is kept for replicas that join (it is renewed by every change). */
  readonly #stateMs: number;
  readonly #seats = new Map<string, Seat>();
  readonly #byChannel = new Map<string, Seat>();
  #timer: NodeJS.Timeout | undefined;
  #listening = false;

  constructor(redis: SharedRedis, pollMs: number, replicaId: string) {
    this.#redis = redis;
    this.#replicaId = replicaId;
    this.#tickMs = Math.max(Math.floor(pollMs / 2), 5);
    this.#leaseMs = this.#tickMs * 3;
    this.#stateMs = Math.max(pollMs * 10, 60_000);
    // a SUBSCRIBE refused during an outage is made again (ioredis renews only those it made)
    redis.onChange((up) => {
      if (up && this.#byChannel.size > 0) {
        this.#redis
          .subscriber()
          .subscribe(...this.#byChannel.keys())
          .catch(() => undefined);
      }
    });
  }

  /** A poller of `credential` (a hash) for the resource `resource` now has subscribers here. */
  join(credential: string, resource: string, member: ClusterMember): ClusterSeat {
    const id = `${credential}:${createHash('sha256').update(resource).digest('base64url')}`;
    const seat: Seat = {
      id,
      member,
      holdsLease: false,
      leading: false,
      received: false,
      listening: 'no',
      publish: (event) => this.#publish(seat, event),
      leave: () => this.#leave(seat),
    };
    this.#seats.set(id, seat);
    this.#byChannel.set(this.#channel(id), seat);
    this.#timer ??= setInterval(() => void this.#tick(), this.#tickMs).unref();
    void this.#enter(seat);
    return seat;
  }

  close(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  async #enter(seat: Seat): Promise<void> {
    if (!this.#redis.isUp()) {
      this.#lead(seat);
      return;
    }
    try {
      this.#listen();
      await this.#subscribe(seat);
      await this.#claim(seat);
      if (!seat.leading && this.#seats.get(seat.id) === seat) {
        const stored = await this.#redis.commands.get(this.#redis.key('live', 'state', seat.id));
        if (stored !== null && !seat.received) {
          this.#deliver(seat, stored);
        }
      }
    } catch {
      this.#lead(seat);
    }
  }

  /** Every tick: holders renew, the others try to take a free lease; Redis down: all poll. */
  async #tick(): Promise<void> {
    const seats = [...this.#seats.values()];
    if (!this.#redis.isUp()) {
      for (const seat of seats) {
        seat.holdsLease = false;
        this.#lead(seat);
      }
      return;
    }
    await Promise.all(
      seats.map(async (seat) => {
        try {
          if (seat.listening === 'no') {
            // not awaited: a SUBSCRIBE waits while the subscriber reconnects, a claim must not
            this.#subscribe(seat).catch(() => undefined);
          }
          await this.#claim(seat);
        } catch {
          this.#lead(seat);
        }
      }),
    );
  }

  async #subscribe(seat: Seat): Promise<void> {
    seat.listening = 'pending';
    try {
      await this.#redis.subscriber().subscribe(this.#channel(seat.id));
      seat.listening = 'yes';
    } catch (error) {
      seat.listening = 'no';
      throw error;
    }
  }

  async #claim(seat: Seat): Promise<void> {
    const ours = await this.#redis.commands.gatewayClaimLease(
      this.#lease(seat.id),
      this.#replicaId,
      this.#leaseMs,
    );
    if (this.#seats.get(seat.id) !== seat) {
      return;
    }
    seat.holdsLease = ours === 1;
    // a follower hears the leader only through the subscriber: while it is not connected
    // (reconnecting after an outage), it polls for itself rather than miss a change
    if (seat.holdsLease || this.#redis.subscriber().status !== 'ready') {
      this.#lead(seat);
    } else if (seat.leading) {
      seat.leading = false;
      seat.member.follow();
    }
  }

  #lead(seat: Seat): void {
    if (!seat.leading && this.#seats.get(seat.id) === seat) {
      seat.leading = true;
      seat.member.lead();
    }
  }

  #publish(seat: Seat, event: SharedEvent): void {
    if (!seat.holdsLease || !this.#redis.isUp()) {
      return;
    }
    const message = JSON.stringify({ ...event, from: this.#replicaId });
    this.#redis.commands
      .multi()
      .set(this.#redis.key('live', 'state', seat.id), message, 'PX', this.#stateMs)
      .publish(this.#channel(seat.id), message)
      .exec()
      .catch(() => undefined);
  }

  #leave(seat: Seat): void {
    if (this.#seats.get(seat.id) !== seat) {
      return;
    }
    this.#seats.delete(seat.id);
    this.#byChannel.delete(this.#channel(seat.id));
    if (this.#seats.size === 0) {
      this.close();
    }
    if (!this.#redis.isUp()) {
      return;
    }
    this.#redis
      .subscriber()
      .unsubscribe(this.#channel(seat.id))
      .catch(() => undefined);
    if (seat.holdsLease) {
      // the next replica with subscribers takes it at its next tick, not after it expires
      this.#redis.commands
        .gatewayReleaseLease(this.#lease(seat.id), this.#replicaId)
        .catch(() => undefined);
    }
  }

  #listen(): void {
    if (this.#listening) {
      return;
    }
    this.#listening = true;
    this.#redis.subscriber().on('message', (channel: string, text: string) => {
      const seat = this.#byChannel.get(channel);
      if (seat) {
        this.#deliver(seat, text);
      }
    });
  }

  #deliver(seat: Seat, text: string): void {
    let message: Message;
    try {
      message = JSON.parse(text) as Message;
    } catch {
      return;
    }
    if (message.from === this.#replicaId) {
      return;
    }
    seat.received = true;
    const { from: _, ...event } = message;
    seat.member.receive(event as SharedEvent);
  }

  #lease(id: string): string {
    return this.#redis.key('live', 'lease', id);
  }

  #channel(id: string): string {
    return this.#redis.key('live', 'events', id);
  }
}
