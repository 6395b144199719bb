import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'graphql';

/** A persisted-documents manifest: SHA-256 hex of a document → the document. */
export type PersistedManifest = ReadonlyMap<string, string>;

const SHA256_HEX = /^[0-9a-f]{64}$/;

export const sha256Hex = (text: string): string =>
  createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The hex of a SHA-256 document identifier: `sha256:<hex>` (GraphQL over HTTP, Appendix A; what
 * graphql-codegen's client preset writes) or the bare hex (Apollo's APQ hash); otherwise undefined.
 */
export function sha256IdHex(id: string): string | undefined {
  const hex = id.startsWith('sha256:') ? id.slice('sha256:'.length) : id;
  return SHA256_HEX.test(hex) ? hex : undefined;
}

/**
 * Reads the manifest graphql-codegen's client preset writes (`persistedDocuments: true` →
 * `persisted-documents.json`). Every key must be the SHA-256 of its document, and every document
 * must parse: a wrong manifest stops the start, not a request later. Throws one plain sentence.
 */
export function readPersistedManifest(path: string): PersistedManifest {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? err})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`${path} is not JSON (${(err as Error).message})`);
  }
  return parsePersistedManifest(json, path);
}

export function parsePersistedManifest(json: unknown, name: string): PersistedManifest {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new Error(`${name} must be a JSON object of "sha256:<hex>" → document`);
  }
  const manifest = new Map<string, string>();
  for (const [id, document] of Object.entries(json)) {
    const hex = sha256IdHex(id);
    if (hex === undefined) {
      throw new Error(`${name}: "${id}" is not a SHA-256 document id ("sha256:" + 64 hex digits)`);
    }
    if (typeof document !== 'string') {
      throw new Error(`${name}: the document of "${id}" is not a string`);
    }
    if (sha256Hex(document) !== hex) {
      throw new Error(`${name}: "${id}" is not the SHA-256 of its document`);
    }
    try {
      parse(document);
    } catch (err) {
      throw new Error(
        `${name}: the document of "${id}" is not GraphQL (${(err as Error).message})`,
      );
    }
    manifest.set(hex, document);
  }
  return manifest;
}
