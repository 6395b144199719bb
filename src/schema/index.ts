import { builder } from '../builder.js';
import { checkEntityRepresentations } from './entity-representations.js';
import './flow.js';
import './flow-queries.js';
import './flow-mutations.js';
import './flow-run.js';
import './action.js';
import './action-queries.js';
import './action-mutations.js';
import './action-run-log.js';
import './subscriptions.js';
import './integration.js';
import './connection.js';
import './user.js';
import './node.js';
import './federation.js';

/** The subgraph schema (Apollo Federation v2): `_service` and `_entities` included. */
export const schema = checkEntityRepresentations(builder.toSubGraphSchema({}));
