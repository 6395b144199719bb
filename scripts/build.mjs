// `npm run build`: the gateway as one ES module bundle in dist/ (esbuild), with its dependencies
// inside. Measured against tsc's file-per-module output (bench/README.md): a cold start of
// 0.35–0.5 s instead of 0.95 s, and no node_modules needed at run time. The embedded sandbox
// and GraphiQL's page are split into chunks that load only when they are used.
// `node scripts/build.mjs <dir>` writes the bundle to <dir> instead (a test builds it aside).
import { existsSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

/**
 * graphql ships each module twice (`x.mjs` and a CommonJS `x.js`, no `exports` map): the ES
 * modules import one, CommonJS dependencies (graphql-armor, @apollo/subgraph) require the other.
 * Two copies break `instanceof GraphQLError`: a syntax error from armor's parser was masked as
 * INTERNAL_SERVER_ERROR (HTTP 500) and logged with its stack. Every graphql import resolves to
 * the `.mjs` file, so the bundle holds one graphql (as Node, and vitest's alias, load one).
 */
const oneGraphql = {
  name: 'one-graphql',
  setup(context) {
    context.onResolve({ filter: /^graphql(\/.*)?$/ }, async (args) => {
      if (args.pluginData === 'one-graphql') {
        return undefined;
      }
      const resolved = await context.resolve(args.path, {
        kind: 'import-statement',
        resolveDir: args.resolveDir,
        pluginData: 'one-graphql',
      });
      if (resolved.errors.length > 0) {
        return { errors: resolved.errors };
      }
      const esm = resolved.path.replace(/\.js$/, '.mjs');
      return { path: existsSync(esm) ? esm : resolved.path };
    });
  },
};

const outdir = process.argv[2] ?? 'dist';
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { main: 'src/main.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // prefer the ES module builds of dependencies that ship both
  mainFields: ['module', 'main'],
  plugins: [oneGraphql],
  sourcemap: true,
  // CommonJS dependencies inside an ES module bundle still call require() for Node's built-ins
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
