/**
 * List continuation tokens: the revision the first page was read at and the
 * last key returned, so every page comes from the same snapshot (as etcd
 * paging does). Opaque to clients: base64url of a small JSON object.
 */
import { badRequest } from '../model/index.js';

export interface ContinueToken {
  readonly rev: number;
  /** The last key returned; the next page starts after it. */
  readonly after: string;
}

export function encodeContinue(t: ContinueToken): string {
  return Buffer.from(JSON.stringify({ v: 1, rv: t.rev, start: t.after })).toString('base64url');
}

export function decodeContinue(token: string): ContinueToken {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { v?: unknown; rv?: unknown; start?: unknown };
    if (parsed.v === 1 && typeof parsed.rv === 'number' && Number.isInteger(parsed.rv) && typeof parsed.start === 'string') {
      return { rev: parsed.rv, after: parsed.start };
    }
  } catch {
    // fall through to the error below
  }
  throw badRequest('continue key is not valid: not a token this server issued');
}
