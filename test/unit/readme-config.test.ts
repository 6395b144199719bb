import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES } from '../../src/config.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const envExample = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');

/** The sections that document the gateway's variables, one table row each. */
const SECTIONS = ['Configuration', 'Security and limits', 'Operations'];

const rows = readme
  .split(/^## /m)
  .filter((section) => SECTIONS.includes(section.slice(0, section.indexOf('\n'))))
  .flatMap((section) => [...section.matchAll(/^\| `([A-Z_]+)` \| ([^|]+) \|/gm)])
  .map((m) => ({ name: m[1] as string, fallback: (m[2] as string).trim() }))
  // the sandbox's own variables (it reads them itself; README "The sandbox") and
  // OpenTelemetry's standard ones (its SDK reads them; README "Operations")
  .filter((row) => !row.name.startsWith('SANDBOX_') && !row.name.startsWith('OTEL_'));

describe('README "Configuration", "Security and limits" and "Operations"', () => {
  it('have one row for each variable of the config schema', () => {
    expect(rows.map((r) => r.name).sort()).toEqual([...CONFIG_VARIABLES].sort());
  });

  it('give the default that .env.example holds', () => {
    const defaults = new Map(
      [...envExample.matchAll(/^([A-Z_]+)=(.*)$/gm)].map((m) => [m[1], m[2]] as const),
    );
    const stated = rows.filter((r) => defaults.get(r.name)).map((r) => [r.name, r.fallback]);
    expect(stated).toEqual(stated.map(([name]) => [name, `\`${defaults.get(name as string)}\``]));
  });
});
