/**
 * Running an action: only a connection-level one runs; an action that is not READY fails with
 * its own first error, input that lacks a required field fails as `action_run`; either way
 * the run writes one action run log.
 */
import { actionOutput, inputError, runDigest } from './action-outputs.js';
import { badRequest, HttpError } from './http-errors.js';
import { Store } from './store.js';
import type { ErrorData, WireAction, WireActionRunLog, WireConnection } from './types.js';

export interface ActionRunOutcome {
  output?: unknown;
  error?: ErrorData;
}

/** What the run of `action` with `input` gives, without side effects (seed and live runs). */
export function outcomeOf(
  action: WireAction,
  connection: WireConnection | undefined,
  input: unknown,
): ActionRunOutcome {
  const broken =
    action.state !== undefined && action.state !== 'READY' ? action.errors?.[0] : undefined;
  if (broken !== undefined) {
    return { error: broken };
  }
  if (connection?.disconnected === true) {
    return {
      error: {
        type: 'connection',
        key: 'connection_disconnected',
        message: `Connection '${connection.id}' is disconnected`,
      },
    };
  }
  const invalid = inputError(action, input);
  return invalid === undefined ? { output: actionOutput(action, input) } : { error: invalid };
}

/** A run log of a connection-level action, as the API records it. */
export function runLog(
  id: string,
  action: WireAction,
  input: unknown,
  outcome: ActionRunOutcome,
  createdAt: number,
  duration: number,
  meta?: Record<string, unknown>,
): WireActionRunLog {
  const integrationActionId = action.parentId ?? action.id;
  return {
    id,
    userId: action.userId ?? '',
    ...(action.tenantId === undefined ? {} : { tenantId: action.tenantId }),
    name: action.name,
    ...(action.universalParentId === undefined
      ? {}
      : { universalActionId: action.universalParentId }),
    integrationActionId,
    connectionActionId: action.id,
    actionId: integrationActionId,
    actionInstanceId: action.id,
    integrationId: action.integrationId ?? '',
    connectionId: action.connectionId ?? '',
    ...(action.externalAppId === undefined ? {} : { externalAppId: action.externalAppId }),
    ...(input === undefined ? {} : { input }),
    ...(outcome.output === undefined ? {} : { output: outcome.output }),
    status: outcome.error === undefined ? 'success' : 'error',
    createdAt: new Date(createdAt).toISOString(),
    completedAt: new Date(createdAt + duration).toISOString(),
    ...(outcome.error === undefined ? {} : { error: outcome.error }),
    duration,
    ...(meta === undefined ? {} : { meta }),
  };
}

/** A failed run answers 400 with the error's own type and key (the real status is undocumented). */
function failure(error: ErrorData): HttpError {
  return new HttpError(400, {
    type: error.type ?? 'action_run',
    ...(error.key === undefined ? {} : { key: error.key }),
    message: error.message,
  });
}

function newLogId(store: Store): string {
  for (;;) {
    const id = store.newId();
    if (store.actionRunLogById.get(id) === undefined) {
      return id;
    }
  }
}

/** Runs a connection-level action now; answers `ActionRunResponse` or throws the run's error. */
export function runAction(
  store: Store,
  action: WireAction,
  input: unknown,
  meta?: Record<string, unknown>,
): { output?: unknown; actionRunId: string } {
  if (action.connectionId === undefined) {
    throw badRequest(
      `Action '${action.id}' is not a connection-level action: pass connectionId or connectionKey`,
    );
  }
  if (action.archivedAt !== undefined) {
    throw badRequest(`Action '${action.id}' is archived and cannot run`);
  }
  const outcome = outcomeOf(action, store.connectionById.get(action.connectionId), input);
  const logs = store.actionRunLogs();
  const createdAt = Date.parse(Store.later(logs.at(-1)?.createdAt));
  const duration = 5 + (Number.parseInt(runDigest(action, input).slice(0, 4), 16) % 200);
  const log = runLog(newLogId(store), action, input, outcome, createdAt, duration, meta);
  logs.push(log);
  if (outcome.error !== undefined) {
    throw failure(outcome.error);
  }
  return {
    ...(outcome.output === undefined ? {} : { output: outcome.output }),
    actionRunId: log.id,
  };
}
