/**
 * The four PATCH media types Kubernetes speaks, mapped to the api layer's
 * verbs: JSON Patch, JSON merge patch and strategic merge patch go to
 * `patch`, `application/apply-patch+yaml` to server-side `apply`. Custom
 * resources have no strategic merge (no patch strategies in their schema),
 * so it is 415 for them, as in Kubernetes.
 */
import type { PatchType } from '../model/index.js';
import { unsupportedMediaType } from '../model/index.js';
import { mediaTypeOf } from './body-reader.js';

export type PatchKind = { readonly type: 'patch'; readonly patchType: PatchType } | { readonly type: 'apply' };

const BY_MEDIA_TYPE: Readonly<Record<string, PatchKind>> = {
  'application/json-patch+json': { type: 'patch', patchType: 'json' },
  'application/merge-patch+json': { type: 'patch', patchType: 'merge' },
  'application/strategic-merge-patch+json': { type: 'patch', patchType: 'strategic' },
  'application/apply-patch+yaml': { type: 'apply' },
};

export function patchKindOf(contentType: string | undefined, custom: boolean): PatchKind {
  const type = mediaTypeOf(contentType);
  const kind = BY_MEDIA_TYPE[type];
  if (kind === undefined || (custom && kind.type === 'patch' && kind.patchType === 'strategic')) {
    const accepted = Object.keys(BY_MEDIA_TYPE).filter((t) => !custom || t !== 'application/strategic-merge-patch+json');
    throw unsupportedMediaType(`the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`);
  }
  return kind;
}
