import { describe, expect, it } from 'vitest';
import type { ClusterMember, SharedEvent } from '../../src/live/cluster/live-cluster.js';
import { Feed } from '../../src/live/feed.js';
import { Poller } from '../../src/live/poller.js';
import type { LiveEvent, Watch } from '../../src/live/watch.js';
import { ManualTimers } from '../support/manual-timers.js';

const settle = () => new Promise((resolve) => setImmediate(resolve));

interface Run {
  state: string;
}

/**
 * A poller as the cluster drives it (src/live/cluster): it reads only while it leads, sends
 * what another replica read, and publishes what it read itself.
 */
function setup() {
  const timers = new ManualTimers();
  const state = {
    value: { state: 'QUEUED' } as Run,
    reads: 0,
    release: undefined as (() => void) | undefined,
  };
  const watch: Watch<Run> = {
    kind: 'flowRun',
    key: 'r1',
    async read(signal) {
      state.reads += 1;
      if (state.release === undefined) {
        await new Promise<void>((resolve, reject) => {
          state.release = resolve;
          signal.addEventListener('abort', () => reject(signal.reason), { once: true });
        });
        state.release = undefined;
      }
      return { ...state.value };
    },
    fingerprint: (run) => run.state,
    isFinal: (run) => run.state === 'COMPLETED',
  };
  const published: SharedEvent[] = [];
  let member: ClusterMember | undefined;
  let left = 0;
  const poller = new Poller(watch, {
    pollMs: 100,
    readTimeoutMs: 30_000,
    timers,
    log: { warn() {} },
    onStop() {},
    join(m) {
      member = m;
      return {
        publish: (event) => published.push(event),
        leave: () => {
          left += 1;
        },
      };
    },
  });
  const events: LiveEvent<Run>[] = [];
  let ended = false;
  const feed = new Feed<LiveEvent<Run>>({
    start() {},
    close: () => {
      ended = true;
    },
  });
  const read = async () => {
    for (;;) {
      const next = await feed.next();
      if (next.done) {
        return;
      }
      events.push(next.value);
    }
  };
  void read();
  poller.add(feed);
  return {
    poller,
    state,
    timers,
    published,
    events,
    member: () => member as ClusterMember,
    left: () => left,
    ended: () => ended,
  };
}

describe('a poller in a cluster', () => {
  it('joins at its first subscriber and reads nothing until it is told to lead', async () => {
    const t = setup();
    await settle();
    expect(t.state.reads).toBe(0);
    expect(t.poller.leading).toBe(false);
    t.member().lead();
    expect(t.poller.leading).toBe(true);
    t.state.release?.();
    await settle();
    expect(t.events).toEqual([{ value: { state: 'QUEUED' } }]);
    expect(t.published).toEqual([{ value: { state: 'QUEUED' } }]);
    expect(t.timers.waits()).toEqual([100]);
  });

  it('follow() during a read cancels it without ending the stream; values of the leader are sent, repeats dropped', async () => {
    const t = setup();
    t.member().lead();
    await settle();
    expect(t.state.reads).toBe(1);
    t.member().follow();
    await settle();
    expect(t.events).toEqual([]);
    expect(t.ended()).toBe(false);
    expect(t.timers.waits()).toEqual([]);
    t.member().receive({ value: { state: 'RUNNING' } });
    t.member().receive({ value: { state: 'RUNNING' } });
    await settle();
    expect(t.events).toEqual([{ value: { state: 'RUNNING' } }]);
    // what it received is not published again
    expect(t.published).toEqual([]);
    // the terminal value ends the stream, and the poller leaves the cluster
    t.member().receive({ value: { state: 'COMPLETED' } });
    await settle();
    expect(t.events.at(-1)).toEqual({ value: { state: 'COMPLETED' } });
    expect(t.ended()).toBe(true);
    expect(t.left()).toBe(1);
  });

  it("another replica's final error ends the stream with that code", async () => {
    const t = setup();
    t.member().receive({
      error: { code: 'NOT_FOUND', message: 'gone', upstream: { status: 404 } },
    });
    await settle();
    expect(t.events).toHaveLength(1);
    const [event] = t.events;
    expect(event && 'error' in event && event.error).toMatchObject({
      name: 'GatewayError',
      code: 'NOT_FOUND',
      message: 'gone',
      upstream: { status: 404 },
    });
    expect(t.ended()).toBe(true);
    expect(t.left()).toBe(1);
  });

  it('a leader publishes a change before it ends on the terminal value', async () => {
    const t = setup();
    t.state.value = { state: 'COMPLETED' };
    t.state.release = () => {};
    t.member().lead();
    await settle();
    expect(t.published).toEqual([{ value: { state: 'COMPLETED' } }]);
    expect(t.events).toEqual([{ value: { state: 'COMPLETED' } }]);
    expect(t.ended()).toBe(true);
    expect(t.left()).toBe(1);
  });
});
