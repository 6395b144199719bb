import { builder } from '../builder.js';
import {
  Connection,
  ConnectionSpec,
  Flow,
  FlowSpec,
  Integration,
  IntegrationSpec,
  User,
  UserSpec,
} from './refs.js';
import { resolveRelated } from './relations.js';

/**
 * The four types are entities keyed by `id`; references resolve through the same per-request
 * loaders and known objects as every other path (design §4).
 */
const key = builder.selection<{ id: string }>('id');

builder.asEntity(Flow, {
  key,
  resolveReference: ({ id }, ctx, info) => resolveRelated(FlowSpec, ctx, info, id),
});
builder.asEntity(Integration, {
  key,
  resolveReference: ({ id }, ctx, info) => resolveRelated(IntegrationSpec, ctx, info, id),
});
builder.asEntity(Connection, {
  key,
  resolveReference: ({ id }, ctx, info) => resolveRelated(ConnectionSpec, ctx, info, id),
});
builder.asEntity(User, {
  key,
  resolveReference: ({ id }, ctx, info) => resolveRelated(UserSpec, ctx, info, id),
});
