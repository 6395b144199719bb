import { describe, expect, it } from 'vitest';
import { type Judged, judge } from '../../bench/soak/attribution.js';
import { faultKinds, faultRules } from '../../bench/soak/fault-kinds.js';
import { sandboxOptionsFromEnv } from '../../src/sandbox/env-options.js';

const kinds = faultKinds(3000);
const byLabel = new Map(kinds.map((k) => [k.label, k]));
const op = (overrides: Partial<Judged>): Judged => ({
  codes: [],
  intended: [],
  exact: true,
  faults: [],
  propagated: false,
  elapsedMs: 20,
  timeoutMs: 3000,
  ...overrides,
});
const get = (labels: string[], path = '/flows/f1') => ({ method: 'GET', path, labels });

describe('judge (the soak: codes against the operation and the faults it met)', () => {
  it('holds a fault-free answer to exactly its intended codes', () => {
    expect(judge(op({ intended: ['NOT_FOUND'], codes: ['NOT_FOUND'] }), byLabel)).toEqual({
      unexplained: [],
      missing: [],
      unsurfaced: [],
      excused: [],
    });
    expect(judge(op({ intended: ['NOT_FOUND'], codes: ['UPSTREAM_ERROR'] }), byLabel)).toEqual({
      unexplained: ['UPSTREAM_ERROR'],
      missing: ['NOT_FOUND'],
      unsurfaced: [],
      excused: [],
    });
    // a slow answer is no excuse for an intended code missing
    const slowed = op({ intended: ['NOT_FOUND'], faults: [get(['latency 300'])] });
    expect(judge(slowed, byLabel).missing).toEqual(['NOT_FOUND']);
  });

  it('explains codes by the faults met, and requires those no retry can hide', () => {
    const met = op({ codes: ['UPSTREAM_ERROR'], faults: [get(['status 500'])] });
    expect(judge(met, byLabel)).toEqual({
      unexplained: [],
      missing: [],
      unsurfaced: [],
      excused: [],
    });
    // GETs retry a 503 and may succeed; a write may not
    expect(judge(op({ faults: [get(['status 503'])] }), byLabel).unsurfaced).toEqual([]);
    const write = { method: 'POST', path: '/flows/f1/refresh', labels: ['status 503'] };
    expect(judge(op({ faults: [write] }), byLabel).unsurfaced).toEqual(['status 503']);
    // a body the gateway never reads hides a broken one
    const archive = { method: 'DELETE', path: '/flows/f1', labels: ['invalid-json'] };
    expect(judge(op({ faults: [archive] }), byLabel).unsurfaced).toEqual([]);
    // nor can a slow body hold back an empty one (archive's 200)
    const slowEmpty = { ...archive, labels: ['slow-body 6000'] };
    expect(judge(op({ faults: [slowEmpty] }), byLabel).unsurfaced).toEqual([]);
    expect(judge(op({ faults: [get(['invalid-json'])] }), byLabel).unsurfaced).toEqual([
      'invalid-json',
    ]);
    expect(judge(op({ codes: ['FORBIDDEN'], faults: [get(['status 401'])] }), byLabel)).toEqual({
      unexplained: ['FORBIDDEN'],
      missing: [],
      unsurfaced: ['status 401'],
      excused: [],
    });
  });

  it('excuses a fault in an answer that an earlier null cut short', () => {
    const cut = op({
      codes: ['CONFLICT'],
      faults: [get(['status 409']), get(['slow-headers 6000'], '/flows?flowId=f2')],
      propagated: true,
    });
    expect(judge(cut, byLabel)).toEqual({
      unexplained: [],
      missing: [],
      unsurfaced: [],
      excused: ['slow-headers 6000'],
    });
  });

  it('accepts UPSTREAM_TIMEOUT at the deadline only, hang or not', () => {
    expect(
      judge(op({ codes: ['UPSTREAM_TIMEOUT'], elapsedMs: 3001 }), byLabel).unexplained,
    ).toEqual([]);
    expect(judge(op({ codes: ['UPSTREAM_TIMEOUT'], elapsedMs: 120 }), byLabel).unexplained).toEqual(
      ['UPSTREAM_TIMEOUT'],
    );
  });

  it('accepts the tolerated codes of a lane in an unknown state, and requires nothing', () => {
    const guess = op({ intended: ['BAD_USER_INPUT'], exact: false, tolerated: ['BAD_USER_INPUT'] });
    expect(judge({ ...guess, codes: [] }, byLabel)).toEqual({
      unexplained: [],
      missing: [],
      unsurfaced: [],
      excused: [],
    });
    const tolerated = op({
      exact: false,
      tolerated: ['BAD_USER_INPUT'],
      codes: ['BAD_USER_INPUT'],
    });
    expect(judge(tolerated, byLabel).unexplained).toEqual([]);
  });
});

describe('faultKinds and faultRules', () => {
  it('covers every kind the sandbox has, with equal shares of the rate that SANDBOX_FAULTS accepts', () => {
    expect(new Set(kinds.map((k) => k.rule.kind))).toEqual(
      new Set([
        'status',
        'reset',
        'truncated-body',
        'invalid-json',
        'invalid-shape',
        'slow-headers',
        'slow-body',
        'latency',
      ]),
    );
    const rules = faultRules(kinds, 0.02, ['/flows/a.b']);
    const parsed = sandboxOptionsFromEnv({ SANDBOX_FAULTS: JSON.stringify(rules) }).faults ?? [];
    expect(parsed).toHaveLength(kinds.length);
    // the sandbox tries the rules in turn: P(i-th applies) = p_i × Π(1 - p_j) over earlier ones
    let left = 1;
    for (const rule of parsed) {
      if (rule.kind === 'latency') {
        expect(rule.probability).toBeCloseTo(0.001, 12);
      } else {
        expect((rule.probability ?? 0) * left).toBeCloseTo(0.001, 12);
        left *= 1 - (rule.probability ?? 0);
      }
      const path = rule.path as RegExp;
      expect([
        path.test('/flows/a.b'),
        path.test('/flows/aXb'),
        path.test('/flows/a.b/run'),
      ]).toEqual([false, true, true]);
    }
  });
});
