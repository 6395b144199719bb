import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/errors.js';
import { LiveHub } from '../../src/live/live-hub.js';
import type { LiveEvent, Watch } from '../../src/live/watch.js';
import { ManualTimers } from '../support/manual-timers.js';

/** A hub without Redis answers at once, never with a promise. */
const inProcess = (hub: LiveHub) =>
  hub as unknown as {
    subscribe<T>(credential: string, watch: Watch<T>): AsyncIterableIterator<LiveEvent<T>>;
  };

/** Lets awaited reads settle. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

interface Resource {
  version: number;
  done?: boolean;
}

/** A watched resource the test changes by hand; counts its reads. */
function resource(key = 'r1') {
  const state = {
    value: { version: 1 } as Resource,
    failure: undefined as Error | undefined,
    reads: 0,
    signals: [] as AbortSignal[],
    /** When set, reads wait for it. */
    gate: undefined as Promise<void> | undefined,
  };
  const watch: Watch<Resource> = {
    kind: 'thing',
    key,
    async read(signal) {
      state.reads += 1;
      state.signals.push(signal);
      await state.gate;
      if (state.failure) {
        throw state.failure;
      }
      return { ...state.value };
    },
    fingerprint: (v) => String(v.version),
    isFinal: (v) => v.done === true,
  };
  return { state, watch };
}

function hub(options: { max?: number; pollMs?: number } = {}) {
  const timers = new ManualTimers();
  const warnings: Record<string, unknown>[] = [];
  const live = new LiveHub({
    pollMs: options.pollMs ?? 1000,
    maxPerCredential: options.max ?? 50,
    readTimeoutMs: 30_000,
    timers,
    log: { warn: (details) => warnings.push(details) },
  });
  return { live, timers, warnings };
}

const value = (result: IteratorResult<LiveEvent<Resource>>) =>
  result.done ? 'done' : 'error' in result.value ? result.value.error : result.value.value;

describe('LiveHub', () => {
  it('shares one poller among the subscribers of one credential and resource', async () => {
    const { live, timers } = hub();
    const { state, watch } = resource();
    const feeds = [1, 2, 3].map(() => inProcess(live).subscribe('cred-a', watch));
    const first = await Promise.all(feeds.map((f) => f.next()));
    expect(first.map(value)).toEqual([{ version: 1 }, { version: 1 }, { version: 1 }]);
    expect(state.reads).toBe(1);
    expect(live.size).toEqual({ subscriptions: 3, pollers: 1 });

    // unchanged: polled, nothing sent
    expect(timers.fire()).toBe(1);
    await settle();
    expect(state.reads).toBe(2);
    state.value = { version: 2 };
    const second = feeds.map((f) => f.next());
    expect(timers.fire()).toBe(1);
    expect((await Promise.all(second)).map(value)).toEqual([
      { version: 2 },
      { version: 2 },
      { version: 2 },
    ]);
    expect(state.reads).toBe(3);
  });

  it('gives another credential a poller of its own', async () => {
    const { live } = hub();
    const { state, watch } = resource();
    const a = inProcess(live).subscribe('cred-a', watch);
    const b = inProcess(live).subscribe('cred-b', watch);
    await Promise.all([a.next(), b.next()]);
    expect(state.reads).toBe(2);
    expect(live.size.pollers).toBe(2);
  });

  it('sends the last value at once to a subscriber that joins later', async () => {
    const { live } = hub();
    const { state, watch } = resource();
    const early = inProcess(live).subscribe('cred', watch);
    await early.next();
    const late = inProcess(live).subscribe('cred', watch);
    expect(value(await late.next())).toEqual({ version: 1 });
    expect(state.reads).toBe(1);
  });

  it('polls nothing for a stream nobody reads, and frees its place when it is returned', async () => {
    const { live } = hub({ max: 1 });
    const { state, watch } = resource();
    const unread = inProcess(live).subscribe('cred', watch);
    await settle();
    expect(state.reads).toBe(0);
    expect(live.size).toEqual({ subscriptions: 1, pollers: 0 });
    await unread.return?.();
    expect(live.size).toEqual({ subscriptions: 0, pollers: 0 });
    expect(() => inProcess(live).subscribe('cred', watch)).not.toThrow();
  });

  it('stops polling when the last subscriber leaves, cancelling the read in flight', async () => {
    const { live, timers } = hub();
    const { state, watch } = resource();
    const a = inProcess(live).subscribe('cred', watch);
    const b = inProcess(live).subscribe('cred', watch);
    await Promise.all([a.next(), b.next()]);
    await a.return?.();
    expect(live.size.pollers).toBe(1);
    let open: () => void = () => undefined;
    state.gate = new Promise((resolve) => {
      open = resolve;
    });
    timers.fire();
    const waiting = b.next();
    await b.return?.();
    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(state.signals.at(-1)?.aborted).toBe(true);
    expect(live.size).toEqual({ subscriptions: 0, pollers: 0 });
    open();
    await settle();
    expect(timers.waits()).toEqual([]);
    expect(state.reads).toBe(2);
  });

  it('sends a final value and then completes every stream', async () => {
    const { live, timers } = hub();
    const { state, watch } = resource();
    const feeds = [
      inProcess(live).subscribe('cred', watch),
      inProcess(live).subscribe('cred', watch),
    ];
    await Promise.all(feeds.map((f) => f.next()));
    state.value = { version: 2, done: true };
    timers.fire();
    await settle();
    for (const feed of feeds) {
      expect(value(await feed.next())).toEqual({ version: 2, done: true });
      expect(value(await feed.next())).toBe('done');
    }
    expect(live.size).toEqual({ subscriptions: 0, pollers: 0 });
    expect(timers.waits()).toEqual([]);
  });

  it('waits longer after transient failures and keeps the subscription', async () => {
    const { live, timers, warnings } = hub({ pollMs: 1000 });
    const { state, watch } = resource();
    const feed = inProcess(live).subscribe('secret-credential-hash', watch);
    await feed.next();
    state.failure = new GatewayError('UPSTREAM_ERROR', 'down', { status: 503 });
    timers.fire();
    await settle();
    const [first] = timers.waits();
    expect(first).toBeGreaterThanOrEqual(1600);
    expect(first).toBeLessThanOrEqual(2400);
    timers.fire();
    await settle();
    const [second] = timers.waits();
    expect(second).toBeGreaterThanOrEqual(3200);
    expect(second).toBeLessThanOrEqual(4800);
    state.failure = new GatewayError('RATE_LIMITED', 'slow down', { status: 429 }, 60);
    timers.fire();
    await settle();
    expect(timers.waits()[0]).toBeGreaterThanOrEqual(48_000);
    state.failure = undefined;
    state.value = { version: 2 };
    timers.fire();
    expect(value(await feed.next())).toEqual({ version: 2 });
    expect(timers.waits()).toEqual([1000]);
    expect(warnings.map((w) => w.code)).toEqual([
      'UPSTREAM_ERROR',
      'UPSTREAM_ERROR',
      'RATE_LIMITED',
    ]);
    expect(JSON.stringify(warnings)).not.toContain('secret-credential-hash');
  });

  it('ends every stream with the error of a failure that is not transient', async () => {
    const { live, timers } = hub();
    const { state, watch } = resource();
    const feeds = [
      inProcess(live).subscribe('cred', watch),
      inProcess(live).subscribe('cred', watch),
    ];
    await Promise.all(feeds.map((f) => f.next()));
    const gone = new GatewayError('NOT_FOUND', 'gone', { status: 404 });
    state.failure = gone;
    timers.fire();
    await settle();
    for (const feed of feeds) {
      expect(value(await feed.next())).toBe(gone);
      expect(value(await feed.next())).toBe('done');
    }
    expect(live.size).toEqual({ subscriptions: 0, pollers: 0 });
  });

  it('bounds the subscriptions one credential holds at once', async () => {
    const { live } = hub({ max: 2 });
    const { watch } = resource();
    const a = inProcess(live).subscribe('cred', watch);
    inProcess(live).subscribe('cred', resource('r2').watch);
    let refused: unknown;
    try {
      inProcess(live).subscribe('cred', watch);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(GatewayError);
    expect((refused as GatewayError).code).toBe('OPERATION_LIMIT');
    expect(() => inProcess(live).subscribe('other', watch)).not.toThrow();
    await a.return?.();
    expect(() => inProcess(live).subscribe('cred', watch)).not.toThrow();
  });

  it('completes every stream on close, and new ones at once', async () => {
    const { live, timers } = hub();
    const { state, watch } = resource();
    const feed = inProcess(live).subscribe('cred', watch);
    await feed.next();
    const waiting = feed.next();
    live.close();
    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(live.size).toEqual({ subscriptions: 0, pollers: 0 });
    const late = inProcess(live).subscribe('cred', watch);
    expect(await late.next()).toEqual({ value: undefined, done: true });
    expect(state.reads).toBe(1);
    expect(timers.waits()).toEqual([]);
  });
});
