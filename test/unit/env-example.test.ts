import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, loadConfig } from '../../src/config.js';

const lines = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8').split('\n');
/** `NAME=value` lines (the gateway's own variables; the sandbox's are commented out). */
const entries = lines
  .filter((line) => /^[A-Z_]+=/.test(line))
  .map((line) => line.split('=', 2) as [string, string]);

describe('.env.example', () => {
  it('lists exactly the variables of the config schema', () => {
    expect(entries.map(([name]) => name).sort()).toEqual([...CONFIG_VARIABLES].sort());
  });

  it('holds the defaults: loading it gives the same configuration as an empty environment', () => {
    expect(loadConfig(Object.fromEntries(entries))).toEqual(loadConfig({}));
  });
});
