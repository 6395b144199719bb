import { randomBytes } from 'node:crypto';
import type {
  SandboxData,
  WireAction,
  WireActionRunLog,
  WireConnection,
  WireCustomer,
  WireFlow,
  WireFlowRun,
  WireIntegration,
  WireLayeredElement,
} from './types.js';

/** Who is calling: the workspace admin, or one tenant (customer). */
export type Principal = { kind: 'admin' } | { kind: 'tenant'; customer: WireCustomer };

interface Indexed {
  id: string;
}

/**
 * Id lookups over the live arrays. The index stores positions and is checked on every hit,
 * so pushes or replacements made by tests through `sandbox.data` are picked up.
 */
class IdIndex<T extends Indexed> {
  private positions = new Map<string, number>();
  constructor(private readonly list: () => T[]) {}

  get(id: string): T | undefined {
    const items = this.list();
    const at = this.positions.get(id);
    if (at !== undefined && items[at]?.id === id) {
      return items[at];
    }
    this.positions = new Map(items.map((item, index) => [item.id, index]));
    const again = this.positions.get(id);
    return again === undefined ? undefined : items[again];
  }
}

export class Store {
  readonly flowById: IdIndex<WireFlow>;
  readonly integrationById: IdIndex<WireIntegration>;
  readonly connectionById: IdIndex<WireConnection>;
  readonly customerById: IdIndex<WireCustomer>;
  readonly flowRunById: IdIndex<WireFlowRun>;
  readonly actionById: IdIndex<WireAction>;
  readonly actionRunLogById: IdIndex<WireActionRunLog>;
  private counter = 0;

  constructor(readonly data: SandboxData) {
    this.flowById = new IdIndex(() => this.data.flows);
    this.integrationById = new IdIndex(() => this.data.integrations);
    this.connectionById = new IdIndex(() => this.data.connections);
    this.customerById = new IdIndex(() => this.data.customers);
    this.flowRunById = new IdIndex(() => this.data.flowRuns ?? []);
    this.actionById = new IdIndex(() => this.actions());
    this.actionRunLogById = new IdIndex(() => this.actionRunLogs());
  }

  /** The live action list, created empty for data that has none. */
  actions(): WireAction[] {
    this.data.actions ??= [];
    return this.data.actions;
  }

  /** The live action run log list, created empty for data that has none. */
  actionRunLogs(): WireActionRunLog[] {
    this.data.actionRunLogs ??= [];
    return this.data.actionRunLogs;
  }

  /** An integration by id, uuid or key (GET /integrations/{idOrUuidOrKey}). */
  integration(selector: string): WireIntegration | undefined {
    return (
      this.integrationById.get(selector) ??
      this.data.integrations.find((i) => i.uuid === selector || i.key === selector)
    );
  }

  integrationByKey(key: string): WireIntegration | undefined {
    return this.data.integrations.find((i) => i.key === key);
  }

  connectionByKey(key: string): WireConnection | undefined {
    return this.data.connections.find((c) => c.key === key);
  }

  customerByInternalId(internalId: string): WireCustomer | undefined {
    return this.data.customers.find((c) => c.internalId === internalId);
  }

  /** Membrane creates a tenant the first time a token names a new tenantKey (membrane-api.md §1.2). */
  createTenant(internalId: string, name: string, fields?: Record<string, unknown>): WireCustomer {
    const customer: WireCustomer = {
      id: this.newId(),
      name,
      internalId,
      ...(fields && { fields }),
      isTest: false,
      isActive: true,
      isBillable: true,
      createdAt: new Date().toISOString(),
    };
    this.data.customers.push(customer);
    return customer;
  }

  canSeeConnection(principal: Principal, connection: WireConnection): boolean {
    return principal.kind === 'admin' || connection.userId === principal.customer.id;
  }

  /** Runs and logs are tenant-level: a tenant sees only its own (membrane-api.md §8). */
  canSeeTenantRecord(principal: Principal, record: { userId: string }): boolean {
    return principal.kind === 'admin' || record.userId === principal.customer.id;
  }

  /** Workspace-level elements are readable by everyone; connection-level ones by their tenant. */
  canSeeElement(principal: Principal, element: WireLayeredElement): boolean {
    if (principal.kind === 'admin' || element.connectionId === undefined) {
      return true;
    }
    const connection = this.connectionById.get(element.connectionId);
    const owner = element.userId ?? element.tenantId ?? connection?.userId;
    return (
      connection !== undefined &&
      this.canSeeConnection(principal, connection) &&
      owner === principal.customer.id
    );
  }

  /** A fresh 24-hex id that no element uses yet. */
  newId(): string {
    for (;;) {
      this.counter += 1;
      const id = `5b${this.counter.toString(16).padStart(22, '0')}`;
      const used =
        this.flowById.get(id) ??
        this.actionById.get(id) ??
        this.connectionById.get(id) ??
        this.customerById.get(id);
      if (used === undefined) {
        return id;
      }
    }
  }

  /** A new opaque revision token. */
  newRevision(): string {
    return randomBytes(6).toString('hex');
  }

  /** An ISO timestamp strictly later than `previous`, so updates always move `updatedAt`. */
  static later(previous: string | undefined): string {
    const now = Date.now();
    const before = previous === undefined ? Number.NaN : Date.parse(previous);
    return new Date(Number.isNaN(before) || now > before ? now : before + 1).toISOString();
  }
}
