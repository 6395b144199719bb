import { execute, type GraphQLError, getOperationAST, parse, subscribe } from 'graphql';
import { loadConfig } from '../../src/config.js';
import { createContextFactory } from '../../src/context-factory.js';
import { createMaskError } from '../../src/http/mask-error.js';
import { createLogger } from '../../src/logger.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { schema } from '../../src/schema/index.js';
import { createDispatcher } from '../../src/upstream/dispatcher.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { type Outcome, outcomeOf } from './outcome.js';

export type Variables = Record<string, unknown>;

/** The gateway in production and graphql-js `execute` on the same schema and upstream. */
export interface Differential {
  gateway: TestGateway;
  /** Every sandbox a case must set up identically (faults, data edits): one, or the twins. */
  sandboxes: Sandbox[];
  /** A real HTTP POST to the gateway (whatever its edge does: Yoga, jit, a fast path). */
  production(source: string, variables?: Variables): Promise<Outcome>;
  /** parse → graphql-js execute (no jit) → Yoga's masking with the gateway's maskError. */
  plain(source: string, variables?: Variables): Promise<Outcome>;
  close(): Promise<void>;
}

type ContextInput = Parameters<ReturnType<typeof createContextFactory>>[0];

/** Yoga's default masked message (`maskedErrors.errorMessage`), which the gateway keeps. */
const MASKED_MESSAGE = 'Unexpected error.';

/**
 * Starts the gateway as tests do (`startTestGateway`) and a plain executor beside it. With
 * `twin`, the plain path reads a second sandbox started with the same options (the same seed,
 * hence the same data), so a mutation runs once on each side against the same initial state.
 */
export async function startDifferential({
  twin = false,
  gatewayEnv,
}: {
  twin?: boolean;
  /** Extra env of the production gateway only (e.g. its upstream cache); the plain path has none. */
  gatewayEnv?: Record<string, string>;
} = {}): Promise<Differential> {
  const gateway = await startTestGateway({ env: gatewayEnv });
  const upstream = twin ? await startSandbox() : gateway.sandbox;
  // the same settings as startTestGateway gives the gateway
  const config = loadConfig({
    MEMBRANE_API_URL: upstream.url,
    UPSTREAM_RETRIES: '0',
    LOG_LEVEL: 'silent',
  });
  const log = createLogger('silent');
  const dispatcher = createDispatcher({ connections: 16, keepAliveTimeoutMs: 500 });
  const contextFor = createContextFactory({
    config,
    upstreamUrl: upstream.url,
    fallbackToken: upstream.tokens.admin,
    dispatcher,
    log,
  });
  const maskError = createMaskError(log, { maxRequestBytes: config.limits.maxRequestBytes });
  return {
    gateway,
    sandboxes: twin ? [gateway.sandbox, upstream] : [gateway.sandbox],
    async production(source, variables) {
      const { status: _, ...body } = await gateway.execute(source, variables);
      return outcomeOf(body);
    },
    async plain(source, variables) {
      const controller = new AbortController();
      // the factory reads only these two members of the request (no Authorization header:
      // the fallback token applies, as for the production requests)
      const request = { headers: { get: () => null }, signal: controller.signal };
      const contextValue = contextFor({ request } as unknown as ContextInput);
      const document = parse(source);
      const args = { schema, document, variableValues: variables, contextValue };
      // as Yoga does: a subscription operation goes to `subscribe`
      const result = (await (getOperationAST(document)?.operation === 'subscription'
        ? subscribe(args)
        : execute(args))) as Awaited<ReturnType<typeof execute>>;
      const errors = result.errors?.map(
        (error) => maskError(error, MASKED_MESSAGE, false) as GraphQLError,
      );
      // serialised as Yoga does: GraphQLError#toJSON, null-prototype objects made plain
      return outcomeOf(JSON.parse(JSON.stringify({ ...result, errors })));
    },
    async close() {
      await dispatcher.close();
      if (twin) {
        await upstream.close();
      }
      await gateway.close();
    },
  };
}
