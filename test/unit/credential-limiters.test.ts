import { describe, expect, it } from 'vitest';
import { createCredentialLimiters } from '../../src/upstream/credential-limiters.js';

describe('createCredentialLimiters', () => {
  it('shares one limiter per credential and bounds its concurrent calls', async () => {
    const limiterFor = createCredentialLimiters(2);
    expect(limiterFor('Bearer a')).toBe(limiterFor('Bearer a'));
    expect(limiterFor('Bearer a')).not.toBe(limiterFor('Bearer b'));
    let running = 0;
    let peak = 0;
    const task = async () => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5));
      running -= 1;
    };
    // two "requests" of the same tenant share the bound of 2
    await Promise.all([
      ...Array.from({ length: 4 }, () => limiterFor('Bearer a').run(task)),
      ...Array.from({ length: 4 }, () => limiterFor('Bearer a').run(task)),
    ]);
    expect(peak).toBe(2);
  });

  it('forgets the least recently used credential past its capacity', () => {
    const limiterFor = createCredentialLimiters(1, 2);
    const a = limiterFor('a');
    const b = limiterFor('b');
    limiterFor('a');
    limiterFor('c'); // evicts b, the least recently used
    expect(limiterFor('a')).toBe(a);
    expect(limiterFor('b')).not.toBe(b);
  });
});
