/**
 * A small seeded PRNG (sfc32) with the helpers the seed generator needs. Nothing here reads
 * the clock or `Math.random`, so the same seed always yields the same data.
 */

/** First and last instant a seeded date may take (membrane-api seed range). */
export const DATE_MIN = Date.UTC(2024, 0, 1);
export const DATE_MAX = Date.UTC(2026, 5, 1);

export class SeedRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    // splitmix-style scrambling so that seeds 1 and 2 start far apart
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = Math.trunc(seed) ^ 0xdeadbeef;
    for (let i = 0; i < 16; i += 1) {
      this.uint32();
    }
  }

  /** Uniform 32-bit unsigned integer. */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) {
      throw new Error('SeedRandom.pick on an empty list');
    }
    return item;
  }

  /** A new array with the items in a seeded order (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i -= 1) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = out[i] as T;
      out[i] = out[j] as T;
      out[j] = tmp;
    }
    return out;
  }

  /** `count` distinct indexes from [from, to), in seeded order. */
  sampleIndexes(from: number, to: number, count: number): number[] {
    const all: number[] = [];
    for (let i = from; i < to; i += 1) {
      all.push(i);
    }
    return this.shuffle(all).slice(0, Math.max(0, count));
  }

  hex(length: number): string {
    let out = '';
    while (out.length < length) {
      out += this.uint32().toString(16).padStart(8, '0');
    }
    return out.slice(0, length);
  }

  /** A Mongo-ObjectId-shaped id: 8 hex of creation seconds, then 16 random hex. */
  objectId(createdAtMs: number): string {
    const seconds = Math.floor(createdAtMs / 1000)
      .toString(16)
      .padStart(8, '0');
    return `${seconds}${this.hex(16)}`;
  }

  /** An RFC 4122 version-4-shaped uuid. */
  uuid(): string {
    const h = this.hex(32);
    const variant = ((Number.parseInt(h.charAt(16), 16) & 0x3) | 0x8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  /** Epoch ms in [from, to]; later values are rarer when `skew` > 1. */
  timeBetween(from: number, to: number, skew = 1): number {
    const lo = Math.min(from, to);
    const hi = Math.max(from, to);
    return Math.floor(lo + (hi - lo) * this.next() ** skew);
  }
}

export function iso(ms: number): string {
  return new Date(Math.min(Math.max(ms, DATE_MIN), DATE_MAX)).toISOString();
}
