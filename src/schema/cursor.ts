import { z } from 'zod';
import { GatewayError } from '../errors.js';

/**
 * A gateway cursor names a position in the upstream list: the upstream page cursor that starts
 * the page (null for the first page) and how many items of that page to skip. So every edge
 * resumes right after itself, whatever page size the upstream uses.
 */
export interface Position {
  page: string | null;
  offset: number;
}

const Encoded = z.tuple([z.string().min(1).nullable(), z.number().int().min(0).max(100_000)]);

export function encodeCursor({ page, offset }: Position): string {
  return Buffer.from(JSON.stringify([page, offset])).toString('base64url');
}

export function decodeCursor(cursor: string): Position {
  try {
    const [page, offset] = Encoded.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString()));
    return { page, offset };
  } catch {
    throw new GatewayError('BAD_USER_INPUT', 'Invalid cursor: use a cursor this API returned.');
  }
}
