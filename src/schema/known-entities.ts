export type EntityKind =
  | 'Flow'
  | 'FlowRun'
  | 'Integration'
  | 'Connection'
  | 'User'
  | 'Action'
  | 'ActionRunLog';

/**
 * Per-request memory of every object the operation has already received, so that an embed or
 * an earlier response serves later fields without another upstream call (design §6.2).
 * Full API responses are told apart from embeds and `{ id }` stubs, which lack some fields.
 */
export class KnownEntities {
  readonly #byKey = new Map<string, object>();
  readonly #full = new WeakSet<object>();

  get<T extends object>(kind: EntityKind, id: string): T | undefined {
    return this.#byKey.get(`${kind}:${id}`) as T | undefined;
  }

  /** Remembers a full response; it replaces any embed seen before. */
  full<T extends { id?: string }>(kind: EntityKind, value: T): T {
    this.#full.add(value);
    if (value.id) {
      this.#byKey.set(`${kind}:${value.id}`, value);
    }
    return value;
  }

  /** Remembers an embed or stub, unless a full response is already known. */
  partial<T extends { id?: string }>(kind: EntityKind, value: T): T {
    if (value.id && !this.#byKey.has(`${kind}:${value.id}`)) {
      this.#byKey.set(`${kind}:${value.id}`, value);
    }
    return value;
  }

  isFull(value: object): boolean {
    return this.#full.has(value);
  }
}
