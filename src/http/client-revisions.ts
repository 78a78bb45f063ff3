/**
 * Causes for controllers outside the process. For each authenticated client
 * the server remembers the newest revision it delivered to that client's
 * lists and watches; the client's next write is recorded with it as
 * `observedRev`. A client may also name the revisions it is reacting to in
 * the `X-Chronokube-Cause` header (comma-separated), recorded as `cause`, so
 * `why` can follow a chain through a controller running outside.
 */
import { badRequest } from '../model/index.js';

export const CAUSE_HEADER = 'x-chronokube-cause';

export class ClientRevisions {
  private readonly seen = new Map<string, number>();

  delivered(user: string, rev: number): void {
    if (rev > (this.seen.get(user) ?? 0)) this.seen.set(user, rev);
  }

  observed(user: string): number | undefined {
    return this.seen.get(user);
  }
}

/** Parses the cause header: `12,15` → [12, 15]; anything else is 400. */
export function parseCause(header: string | string[] | undefined): number[] | undefined {
  if (header === undefined) return undefined;
  const text = Array.isArray(header) ? header.join(',') : header;
  if (text.trim() === '') return undefined;
  const revs = text.split(',').map((s) => s.trim());
  if (revs.some((r) => !/^[1-9][0-9]*$/.test(r))) {
    throw badRequest(`${CAUSE_HEADER}: must be a comma-separated list of positive revisions, got "${text}"`);
  }
  return [...new Set(revs.map(Number))].sort((a, b) => a - b);
}

/**
 * The field manager Kubernetes derives when a request names none: the
 * client's User-Agent up to the first `/` (`kubectl/v1.32.4 (linux/amd64)` →
 * `kubectl`), at most 128 characters.
 */
export function managerFromUserAgent(userAgent: string | undefined): string | undefined {
  if (userAgent === undefined || userAgent === '') return undefined;
  const head = userAgent.slice(0, 128).split('/')[0] ?? '';
  return head === '' ? undefined : head;
}
