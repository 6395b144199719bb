/**
 * A deterministic run history for the seeded connection-level actions: 1–4 runs each in the
 * seed's date range. A broken action's latest runs fail with its error; of the others about
 * one in six fails (the external app, a bad input). Own PRNG stream.
 */
import { outcomeOf, runLog } from './action-runs.js';
import { DATE_MAX, SeedRandom } from './seed-random.js';
import type { ErrorData, WireAction, WireActionRunLog, WireConnection } from './types.js';

const RUNTIME_ERRORS: readonly ErrorData[] = [
  {
    type: 'connection',
    key: 'access_token_expired',
    message: 'Access token expired and could not be refreshed',
  },
  {
    type: 'connection',
    key: 'rate_limit_exceeded',
    message: 'The external app answered 429 Too Many Requests',
  },
  {
    type: 'action_run',
    message: 'The external app answered 422 Unprocessable Entity',
  },
];

/** An input that satisfies the action's schema: its required fields filled, a few optional ones. */
function sampleInput(action: WireAction, rng: SeedRandom): Record<string, unknown> {
  const properties = (action.inputSchema?.properties ?? {}) as Record<string, { type?: string }>;
  const required = new Set((action.inputSchema?.required as string[] | undefined) ?? []);
  const input: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(properties)) {
    if (!required.has(name) && !rng.chance(0.3)) {
      continue;
    }
    input[name] =
      schema.type === 'integer'
        ? rng.int(1, 50)
        : schema.type === 'object'
          ? { id: `rec_${rng.hex(8)}` }
          : name === 'email'
            ? `user${rng.int(1, 999)}@example.com`
            : `${name}-${rng.hex(6)}`;
  }
  return input;
}

function logsOf(
  action: WireAction,
  connection: WireConnection | undefined,
  rng: SeedRandom,
  ids: Set<string>,
): WireActionRunLog[] {
  const created = Date.parse(action.createdAt ?? '');
  if (action.connectionId === undefined || Number.isNaN(created)) {
    return [];
  }
  const count = rng.int(1, 4);
  const until = action.archivedAt === undefined ? DATE_MAX : Date.parse(action.archivedAt);
  const times = Array.from({ length: count }, () => rng.timeBetween(created, until)).sort(
    (a, b) => a - b,
  );
  const broken = action.state !== 'READY';
  const brokenFrom = broken ? rng.int(0, count - 1) : count;
  return times.map((at, index) => {
    const input = sampleInput(action, rng);
    const outcome =
      index >= brokenFrom
        ? outcomeOf(action, connection, input)
        : rng.chance(0.16)
          ? { error: structuredClone(rng.pick(RUNTIME_ERRORS)) }
          : outcomeOf({ ...action, state: 'READY' }, connection, input);
    let id = rng.objectId(at);
    while (ids.has(id)) {
      id = rng.objectId(at);
    }
    ids.add(id);
    return runLog(id, action, input, outcome, at, rng.int(40, 4_000));
  });
}

/** The history of the seeded connection-level actions, oldest first. */
export function seedActionRunLogs(
  actions: readonly WireAction[],
  connections: readonly WireConnection[],
  seed: number,
): WireActionRunLog[] {
  const rng = new SeedRandom(seed + 0xa10c);
  const byId = new Map(connections.map((c) => [c.id, c]));
  const ids = new Set<string>();
  return actions
    .flatMap((action) => logsOf(action, byId.get(action.connectionId ?? ''), rng, ids))
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
}
