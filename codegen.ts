import type { CodegenConfig } from '@graphql-codegen/cli';
import {
  CLIENT_SCHEMA_FILE,
  printClientContract,
  printSubgraphContract,
  SCHEMA_FILE,
} from './scripts/schema-contract.js';
import { schema } from './src/schema/index.js';
import { ACCOUNTS_SDL } from './test/federation/accounts-subgraph.js';
import { composeSupergraph } from './test/federation/compose.js';

/**
 * `npm run codegen` regenerates every committed artefact from the code (design §2):
 * - `schema/schema.graphql`, the sorted subgraph SDL. The `add` plugin writes the exact text of
 *   `printSubgraphContract`, so the file, the drift test and `schema:check` agree byte for byte
 *   (schema-ast would print the federation directive definitions instead of the `@link`);
 * - `schema/client.graphql`, the same schema as clients see it (no `_service`, `_entities` or
 *   federation directives): what relay-compiler, codegen for apps and IDE plugins read;
 * - `test/gql/`, typed documents (client preset) for `graphql()` calls in tests and examples,
 *   validated against the gateway's own schema, and `test/gql/persisted-documents.json`, their
 *   persisted-documents manifest (`sha256:<hex>` → document; each typed document carries its id
 *   as `__meta__.hash`), the format PERSISTED_OPERATIONS_MANIFEST reads;
 * - `test/gql/supergraph/`, typed documents for the federation test, validated against the
 *   public schema of the gateway composed with the test's accounts subgraph.
 * `npx graphql-codegen --config codegen.ts --check` reports drift without writing.
 */
const sdl = printSubgraphContract(schema);
const clientSdl = printClientContract(schema);
const supergraph = composeSupergraph([
  { name: 'membrane', url: 'http://membrane.invalid/graphql', sdl },
  { name: 'accounts', url: 'http://accounts.invalid/graphql', sdl: ACCOUNTS_SDL },
]);

const clientPreset = {
  preset: 'client',
  presetConfig: { fragmentMasking: false },
  config: {
    // NodeNext: generated relative imports need their `.js` suffix
    emitLegacyCommonJSImports: false,
    useTypeImports: true,
    enumsAsTypes: true,
    strictScalars: true,
    scalars: { DateTime: 'string', JSON: 'unknown' },
  },
} as const;

const config: CodegenConfig = {
  ignoreNoDocuments: false,
  generates: {
    [SCHEMA_FILE]: { schema: sdl, plugins: [{ add: { content: sdl } }] },
    [CLIENT_SCHEMA_FILE]: { schema: clientSdl, plugins: [{ add: { content: clientSdl } }] },
    'test/gql/': {
      ...clientPreset,
      presetConfig: {
        ...clientPreset.presetConfig,
        persistedDocuments: { hashAlgorithm: 'sha256' },
      },
      schema: sdl,
      // the Relay example is compiled by relay-compiler (its directives are Relay's own)
      documents: [
        'test/**/*.ts',
        'examples/**/*.ts',
        '!test/gql/**',
        '!test/federation/**',
        '!examples/relay/**',
      ],
    },
    'test/gql/supergraph/': {
      ...clientPreset,
      schema: supergraph.publicSdl,
      documents: ['test/federation/**/*.test.ts'],
    },
  },
};

export default config;
