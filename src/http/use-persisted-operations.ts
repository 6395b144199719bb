import { usePersistedOperations as useYogaPersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { GraphQLParams, Plugin } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';
import { type PersistedManifest, sha256Hex, sha256IdHex } from '../persisted-manifest.js';
import type { SharedRegistrations } from '../redis/shared-registrations.js';
import { requestError } from './request-error.js';

export interface PersistedOperationsOptions {
  /** `allow`: ids and APQ beside documents, APQ registers; `require`: manifest documents only. */
  mode: 'allow' | 'require';
  /** SHA-256 hex → document (PERSISTED_OPERATIONS_MANIFEST); may be empty under `allow`. */
  manifest: PersistedManifest;
  /**
   * Bounds of the APQ registrations kept per process (`allow`); the least recently used go
   * first, and their clients simply register them again.
   * @default { maxDocuments: 1000, maxChars: 16 Mi }
   */
  registrations?: { maxDocuments: number; maxChars: number };
  /**
   * Registrations every replica sees (Redis, with the same bounds), beside this process's own:
   * a hash registered on one replica runs on all. Absent or down: this process's alone.
   */
  shared?: (bounds: { maxDocuments: number; maxChars: number }) => SharedRegistrations;
}

export const DEFAULT_REGISTRATION_BOUNDS = { maxDocuments: 1000, maxChars: 16 * 1024 * 1024 };

type Params = GraphQLParams & { documentId?: unknown };

// The message is what Apollo's persisted-query links (old ones by message only) match to resend
// the hash with the full document; no-store: a CDN must not keep the miss of a GET.
const notFound = () =>
  requestError('PersistedQueryNotFound', 'PERSISTED_QUERY_NOT_FOUND', 404, {
    headers: { 'cache-control': 'no-store' },
  });
const onlyPersisted = () =>
  requestError(
    'Only persisted operations run here: send a documentId or an APQ hash instead of a query.',
    'PERSISTED_QUERY_ONLY',
    400,
  );

/** The APQ hash of `extensions.persistedQuery` (version 1), else null. */
function apqHash(params: GraphQLParams): string | null {
  const apq: unknown = params.extensions?.persistedQuery;
  if (typeof apq !== 'object' || apq === null) {
    return null;
  }
  const { version, sha256Hash } = apq as { version?: unknown; sha256Hash?: unknown };
  return version === 1 && typeof sha256Hash === 'string' ? sha256Hash : null;
}

/**
 * Persisted operations (design §10): a `documentId` (`sha256:<hex>` or the hex; POST body or
 * GET query string) or an Apollo APQ hash (`extensions.persistedQuery`) names a document of the
 * manifest; under `allow` also one an APQ client registered (hash and query, the hash checked).
 * Yoga's persisted-operations plugin does the lookup and refuses raw documents under `require`;
 * the plugins before it add GET's `documentId` (Yoga's GET parser reads only the four standard
 * parameters) and APQ registration. Spread into Yoga's plugin list, in this order.
 */
export function usePersistedOperations({
  mode,
  manifest,
  registrations = DEFAULT_REGISTRATION_BOUNDS,
  shared,
}: PersistedOperationsOptions): Plugin[] {
  const everywhere = mode === 'allow' ? shared?.(registrations) : undefined;
  const registered =
    mode === 'allow'
      ? new LRUCache<string, string>({
          max: registrations.maxDocuments,
          maxSize: registrations.maxChars,
          sizeCalculation: (document) => Math.max(1, document.length),
        })
      : undefined;
  const documentIdFromGet: Plugin = {
    onRequestParse({ request }) {
      if (request.method !== 'GET') {
        return undefined;
      }
      return {
        onRequestParseDone({ requestParserResult, setRequestParserResult }) {
          const documentId = new URL(request.url).searchParams.get('documentId');
          if (documentId && !Array.isArray(requestParserResult)) {
            setRequestParserResult({ ...requestParserResult, documentId } as Params);
          }
        },
      };
    },
  };
  const apqRegistration: Plugin = {
    // async only with Redis: the registration is stored for every replica before it runs
    onParams({ params }: { params: Params }): Promise<void> | undefined {
      if (typeof params.query !== 'string' || params.query === '') {
        return;
      }
      if (params.documentId !== undefined && params.documentId !== null) {
        throw requestError('Send a query or a documentId, not both.', 'BAD_USER_INPUT', 400);
      }
      const hash = apqHash(params);
      if (hash === null) {
        return;
      }
      const hex = sha256IdHex(hash);
      if (hex === undefined || sha256Hex(params.query) !== hex) {
        throw requestError(
          'The persisted query hash is not the SHA-256 of the query.',
          'BAD_USER_INPUT',
          400,
        );
      }
      if (!manifest.has(hex) && registered?.get(hex) !== params.query) {
        registered?.set(hex, params.query);
        return everywhere?.set(hex, params.query);
      }
      return undefined;
    },
  };
  /** Another replica's registration, kept here too once seen. */
  const registeredElsewhere = async (hex: string): Promise<string | null> => {
    const document = await everywhere?.get(hex);
    if (document === undefined) {
      return null;
    }
    registered?.set(hex, document);
    return document;
  };
  const lookup = useYogaPersistedOperations({
    allowArbitraryOperations: mode === 'allow',
    extractPersistedOperationId: (params: Params) =>
      typeof params.documentId === 'string' ? params.documentId : apqHash(params),
    getPersistedOperation: (id) => {
      const hex = sha256IdHex(id);
      if (hex === undefined) {
        return null;
      }
      const known = manifest.get(hex) ?? registered?.get(hex);
      return known ?? (everywhere ? registeredElsewhere(hex) : null);
    },
    customErrors: {
      notFound,
      persistedQueryOnly: onlyPersisted,
      keyNotFound: () =>
        requestError(
          mode === 'require'
            ? 'Must provide a documentId or an APQ hash.'
            : 'Must provide a query string, a documentId or an APQ hash.',
          'BAD_REQUEST',
          400,
        ),
    },
  });
  return mode === 'allow'
    ? [documentIdFromGet, apqRegistration, lookup]
    : [documentIdFromGet, lookup];
}
