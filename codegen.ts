import type { CodegenConfig } from '@graphql-codegen/cli';
import { printSubgraphContract, SCHEMA_FILE } from './scripts/schema-contract.js';
import { schema } from './src/schema/index.js';
import { ACCOUNTS_SDL } from './test/federation/accounts-subgraph.js';
import { composeSupergraph } from './test/federation/compose.js';

/**
 * `npm run codegen` regenerates every committed artefact from the code (design §2):
 * - `schema/schema.graphql`, the sorted subgraph SDL. The `add` plugin writes the exact text of
 *   `printSubgraphContract`, so the file, the drift test and `schema:check` agree byte for byte
 *   (schema-ast would print the federation directive definitions instead of the `@link`);
 * - `test/gql/`, typed documents (client preset) for `graphql()` calls in tests and examples,
 *   validated against the gateway's own schema, and `test/gql/persisted-documents.json`, their
 *   persisted-documents manifest (`sha256:<hex>` → document; each typed document carries its id
 *   as `__meta__.hash`), the format PERSISTED_OPERATIONS_MANIFEST reads;
 * - `test/gql/supergraph/`, typed documents for the federation test, validated against the
 *   public schema of the gateway composed with the test's accounts subgraph.
 * `npx graphql-codegen --config codegen.ts --check` reports drift without writing.
 */
const sdl = printSubgraphContract(schema);
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
    'test/gql/': {
      ...clientPreset,
      presetConfig: {
        ...clientPreset.presetConfig,
        persistedDocuments: { hashAlgorithm: 'sha256' },
      },
      schema: sdl,
      documents: ['test/**/*.ts', 'examples/**/*.ts', '!test/gql/**', '!test/federation/**'],
    },
    'test/gql/supergraph/': {
      ...clientPreset,
      schema: supergraph.publicSdl,
      documents: ['test/federation/**/*.test.ts'],
    },
  },
};

export default config;
