export type RegularMediaType = 'application/json' | 'application/graphql-response+json';

const REGULAR: ReadonlySet<string> = new Set([
  'application/json',
  'application/graphql-response+json',
]);

/**
 * The media type Yoga answers a single (non-streamed) result with, for the Accept headers whose
 * outcome is plain: absent, or a list of `application/json`, `application/graphql-response+json`
 * and `*` + `/*` (utf-8 if a charset is named). Yoga ignores q-values and lets the first listed
 * type win; a wildcard first means `application/json`. Anything else (event streams, multipart,
 * other charsets) is undefined: left to Yoga's own negotiation.
 */
export function acceptedMediaType(accept: string | undefined): RegularMediaType | undefined {
  if (accept === undefined || accept === '') {
    return 'application/json';
  }
  let first: RegularMediaType | undefined;
  for (const entry of accept.replace(/\s/g, '').toLowerCase().split(',')) {
    const [type = '', ...params] = entry.split(';');
    const charset = params.find((p) => p.startsWith('charset='));
    if (
      (charset !== undefined && charset !== 'charset=utf-8') ||
      (type !== '*/*' && !REGULAR.has(type))
    ) {
      return undefined;
    }
    first ??= type === '*/*' ? 'application/json' : (type as RegularMediaType);
  }
  return first;
}
