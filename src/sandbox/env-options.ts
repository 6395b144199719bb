import type { FaultRule } from './faults.js';
import type { SandboxOptions } from './index.js';

/** A bad `SANDBOX_*` value; the message names the variable. */
export class SandboxEnvError extends Error {
  override readonly name = 'SandboxEnvError';
}

type Env = Record<string, string | undefined>;

function number(
  env: Env,
  name: string,
  check: (n: number) => boolean,
  rule: string,
): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') {
    return undefined;
  }
  const value = Number(raw);
  if (!Number.isFinite(value) || !check(value)) {
    throw new SandboxEnvError(`${name} must be ${rule} (got '${raw}')`);
  }
  return value;
}

const FAULT_KINDS = new Set([
  'latency',
  'status',
  'reset',
  'slow-headers',
  'slow-body',
  'truncated-body',
  'invalid-json',
  'invalid-shape',
]);

/** `SANDBOX_FAULTS`: a JSON array of FaultRule; `path` is a regular-expression source. */
function faults(raw: string | undefined): FaultRule[] {
  if (raw === undefined || raw.trim() === '') {
    return [];
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new SandboxEnvError('SANDBOX_FAULTS must be a JSON array of fault rules (invalid JSON)');
  }
  if (!Array.isArray(parsed)) {
    throw new SandboxEnvError('SANDBOX_FAULTS must be a JSON array of fault rules');
  }
  return parsed.map((item: unknown, index) => {
    const where = `SANDBOX_FAULTS[${index}]`;
    if (
      typeof item !== 'object' ||
      item === null ||
      !FAULT_KINDS.has(String((item as { kind?: unknown }).kind))
    ) {
      throw new SandboxEnvError(
        `${where} must be an object with kind one of ${[...FAULT_KINDS].join(', ')}`,
      );
    }
    const rule = { ...item } as Record<string, unknown>;
    const needsMs =
      rule.kind === 'latency' || rule.kind === 'slow-headers' || rule.kind === 'slow-body';
    if (needsMs && (typeof rule.ms !== 'number' || rule.ms < 0)) {
      throw new SandboxEnvError(`${where}.ms must be a non-negative number`);
    }
    if (
      rule.kind === 'status' &&
      (typeof rule.status !== 'number' || rule.status < 100 || rule.status > 599)
    ) {
      throw new SandboxEnvError(`${where}.status must be an HTTP status number`);
    }
    if (rule.path !== undefined) {
      if (typeof rule.path !== 'string') {
        throw new SandboxEnvError(`${where}.path must be a regular-expression string`);
      }
      try {
        rule.path = new RegExp(rule.path);
      } catch {
        throw new SandboxEnvError(`${where}.path is not a valid regular expression`);
      }
    }
    return rule as FaultRule;
  });
}

/**
 * Reads `SANDBOX_*` variables into options (the gateway's embedded sandbox reuses this).
 * Throws `SandboxEnvError` naming the variable on a bad value.
 */
export function sandboxOptionsFromEnv(env: Env): SandboxOptions {
  const options: SandboxOptions = {
    port:
      number(
        env,
        'SANDBOX_PORT',
        (n) => Number.isInteger(n) && n >= 0 && n <= 65535,
        'an integer port 0–65535',
      ) ?? 4010,
  };
  const host = env.SANDBOX_HOST?.trim();
  if (host) {
    options.host = host;
  }
  const seed = number(env, 'SANDBOX_SEED', Number.isInteger, 'an integer');
  if (seed !== undefined) {
    options.seed = seed;
  }
  const scale = number(env, 'SANDBOX_SCALE', (n) => n > 0, 'a positive number');
  if (scale !== undefined) {
    options.scale = scale;
  }
  const embeds = env.SANDBOX_EMBEDS?.trim();
  if (embeds) {
    if (embeds !== 'refresh' && embeds !== 'all') {
      throw new SandboxEnvError(`SANDBOX_EMBEDS must be 'refresh' or 'all' (got '${embeds}')`);
    }
    options.embeds = embeds;
  }
  if (env.SANDBOX_SECRET !== undefined && env.SANDBOX_SECRET !== '') {
    options.workspaceSecret = env.SANDBOX_SECRET;
  }
  const latency = number(
    env,
    'SANDBOX_LATENCY_MS',
    (n) => n >= 0,
    'a non-negative number of milliseconds',
  );
  if (latency !== undefined) {
    options.latencyMs = latency;
  }
  const stepMs = number(
    env,
    'SANDBOX_FLOW_RUN_STEP_MS',
    (n) => n >= 0,
    'a non-negative number of milliseconds',
  );
  if (stepMs !== undefined) {
    options.flowRunStepMs = stepMs;
  }
  const rules = faults(env.SANDBOX_FAULTS);
  const errorRate = number(
    env,
    'SANDBOX_ERROR_RATE',
    (n) => n >= 0 && n <= 1,
    'a number between 0 and 1',
  );
  if (errorRate !== undefined && errorRate > 0) {
    rules.push({ kind: 'status', status: 500, probability: errorRate });
  }
  if (rules.length > 0) {
    options.faults = rules;
  }
  return options;
}
