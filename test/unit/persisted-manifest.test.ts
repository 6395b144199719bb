import { describe, expect, it } from 'vitest';
import {
  parsePersistedManifest,
  readPersistedManifest,
  sha256Hex,
  sha256IdHex,
} from '../../src/persisted-manifest.js';
import { MANIFEST, MANIFEST_PATH } from '../support/persisted.js';

const DOC = 'query A { __typename }';
const HEX = sha256Hex(DOC);

/** The message `parsePersistedManifest` throws for `json`. */
function failure(json: unknown): string {
  try {
    parsePersistedManifest(json, 'm.json');
    return '';
  } catch (err) {
    return (err as Error).message;
  }
}

describe('persisted-documents manifest', () => {
  it('reads the manifest codegen writes: every id maps its hex to the document', () => {
    const manifest = readPersistedManifest(MANIFEST_PATH);
    expect(manifest.size).toBe(Object.keys(MANIFEST).length);
    expect(manifest.size).toBeGreaterThanOrEqual(3);
    for (const [id, document] of Object.entries(MANIFEST)) {
      expect(id).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(manifest.get(id.slice(7))).toBe(document);
    }
  });

  it('takes "sha256:<hex>" keys (GraphQL over HTTP, codegen) and bare hex keys (Apollo)', () => {
    expect(parsePersistedManifest({ [`sha256:${HEX}`]: DOC }, 'm.json')).toEqual(
      new Map([[HEX, DOC]]),
    );
    expect(parsePersistedManifest({ [HEX]: DOC }, 'm.json')).toEqual(new Map([[HEX, DOC]]));
    expect(parsePersistedManifest({}, 'm.json')).toEqual(new Map());
  });

  it.each([
    ['an array', [], 'm.json must be a JSON object of "sha256:<hex>" → document'],
    ['null', null, 'm.json must be a JSON object of "sha256:<hex>" → document'],
    [
      'an id that is not SHA-256 hex',
      { 'sha1:abc': DOC },
      'm.json: "sha1:abc" is not a SHA-256 document id ("sha256:" + 64 hex digits)',
    ],
    [
      'upper-case hex',
      { [HEX.toUpperCase()]: DOC },
      `m.json: "${HEX.toUpperCase()}" is not a SHA-256 document id ("sha256:" + 64 hex digits)`,
    ],
    [
      'a document that is not a string',
      { [HEX]: 1 },
      `m.json: the document of "${HEX}" is not a string`,
    ],
    [
      'a key that is not the hash of its document',
      { [HEX]: `${DOC} ` },
      `m.json: "${HEX}" is not the SHA-256 of its document`,
    ],
    [
      'a document that does not parse',
      { [sha256Hex('query {')]: 'query {' },
      `m.json: the document of "${sha256Hex('query {')}" is not GraphQL (Syntax Error: Expected Name, found <EOF>.)`,
    ],
  ])('refuses %s', (_, json, message) => {
    expect(failure(json)).toBe(message);
  });

  it('names a SHA-256 document id by its hex', () => {
    expect(sha256IdHex(`sha256:${HEX}`)).toBe(HEX);
    expect(sha256IdHex(HEX)).toBe(HEX);
    expect(sha256IdHex(`sha256:${HEX}0`)).toBeUndefined();
    expect(sha256IdHex('x-relay:123')).toBeUndefined();
    expect(sha256IdHex('')).toBeUndefined();
  });
});
