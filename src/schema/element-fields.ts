import type { Types } from '../builder.js';
import { ElementState } from './enums.js';
import { booleanFields, dateFields, jsonFields, stringFields } from './scalar-fields.js';
import { ErrorInfo, errorList } from './shared.js';

type Fields<T extends object> = PothosSchemaTypes.ObjectFieldBuilder<Types, T>;

/** The fields every workspace element has (flows, integrations): the seed page's common block. */
export function elementFields<T extends { state?: string; errors?: unknown }>(t: Fields<T>) {
  return {
    ...stringFields(t, ['uuid', 'key', 'description', 'revision']),
    ...jsonFields(t, ['meta']),
    state: t.field({
      type: ElementState.ref,
      description: 'Setup state; null for a state this gateway does not know yet.',
      resolve: (e, _, ctx) => ElementState.read(e.state, ctx),
    }),
    errors: t.field({
      type: [ErrorInfo],
      description: 'Validation or setup errors when state is not READY.',
      resolve: (e) => errorList(e.errors),
    }),
    ...dateFields(t, ['createdAt', 'updatedAt', 'archivedAt']),
    ...booleanFields(t, ['isDeactivated', 'isReadOnly']),
  };
}
