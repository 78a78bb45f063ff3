/**
 * Content negotiation on `Accept`: a client names, in order of preference,
 * the answers it takes. kubectl asks for
 * `application/json;as=Table;v=v1;g=meta.k8s.io, application/json`; a plain
 * client asks for `application/json` (or nothing). Only JSON is served (no
 * protobuf, no YAML): a request that accepts neither JSON nor a v1 Table is
 * 406 NotAcceptable.
 */
import { notAcceptable } from '../model/index.js';

export type ResponseForm = 'json' | 'table';

interface MediaRange {
  readonly type: string;
  readonly params: ReadonlyMap<string, string>;
}

function parseAccept(accept: string): MediaRange[] {
  return accept
    .split(',')
    .map((part) => {
      const [type = '', ...rest] = part.split(';').map((s) => s.trim());
      const params = new Map<string, string>();
      for (const p of rest) {
        const eq = p.indexOf('=');
        if (eq > 0) params.set(p.slice(0, eq).trim().toLowerCase(), p.slice(eq + 1).trim());
      }
      return { type: type.toLowerCase(), params };
    })
    .filter((r) => r.type !== '');
}

const JSONISH = new Set(['application/json', 'application/*', '*/*']);

/** The first form in the client's list that the server can give. */
export function negotiate(accept: string | undefined): ResponseForm {
  if (accept === undefined || accept.trim() === '') return 'json';
  for (const r of parseAccept(accept)) {
    if (!JSONISH.has(r.type)) continue;
    const as = r.params.get('as');
    if (as === undefined) return 'json';
    if (as === 'Table' && r.params.get('g') === 'meta.k8s.io' && r.params.get('v') === 'v1') return 'table';
  }
  throw notAcceptable(`only the following media types are accepted: application/json, application/json;as=Table;v=v1;g=meta.k8s.io`);
}
