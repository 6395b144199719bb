import { Store } from './store.js';
import type { ErrorData, WireElement, WireFlow } from './types.js';

/** Why a flow cannot become READY: problems of the integration it belongs to. */
export function configurationErrors(store: Store, flow: WireFlow): ErrorData[] {
  const integration =
    flow.integrationId === undefined ? undefined : store.integrationById.get(flow.integrationId);
  if (integration === undefined) {
    return [];
  }
  const name = integration.key ?? integration.id;
  const errors: ErrorData[] = [];
  if (integration.hasMissingParameters === true) {
    errors.push({
      type: 'configuration',
      key: 'missing_parameters',
      message: `Integration '${name}' has missing parameters`,
    });
  }
  if (integration.isDeactivated === true) {
    errors.push({
      type: 'configuration',
      key: 'integration_deactivated',
      message: `Integration '${name}' is deactivated`,
    });
  }
  if (integration.archivedAt !== undefined) {
    errors.push({
      type: 'configuration',
      key: 'integration_archived',
      message: `Integration '${name}' is archived`,
    });
  }
  return errors;
}

/** Marks a flow as changed: a new revision and a later updatedAt. */
export function touch(store: Store, flow: WireElement): void {
  flow.revision = store.newRevision();
  flow.updatedAt = Store.later(flow.updatedAt);
}

function settle(store: Store, flow: WireFlow): void {
  const errors = configurationErrors(store, flow);
  if (errors.length > 0) {
    flow.state = 'CONFIGURATION_ERROR';
    flow.errors = errors;
  } else {
    flow.state = 'READY';
    delete flow.errors;
  }
  touch(store, flow);
}

/**
 * The refresh state machine: BUILDING, then READY or CONFIGURATION_ERROR. With `buildMs` 0 the
 * final state is applied at once; otherwise the flow stays BUILDING for `buildMs`.
 */
export class Refresher {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly store: Store,
    private readonly buildMs: number,
  ) {}

  refresh(flow: WireFlow): void {
    const pending = this.timers.get(flow.id);
    if (pending !== undefined) {
      clearTimeout(pending);
      this.timers.delete(flow.id);
    }
    if (this.buildMs <= 0) {
      settle(this.store, flow);
      return;
    }
    flow.state = 'BUILDING';
    delete flow.errors;
    touch(this.store, flow);
    const timer = setTimeout(() => {
      this.timers.delete(flow.id);
      settle(this.store, flow);
    }, this.buildMs);
    timer.unref();
    this.timers.set(flow.id, timer);
  }

  stop(): void {
    for (const timer of this.timers.values()) {
      clearTimeout(timer);
    }
    this.timers.clear();
  }
}
