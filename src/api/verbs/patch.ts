/**
 * `patch`: JSON Patch, JSON merge patch or strategic merge patch applied to
 * the current version, then the same path as an update. Without a
 * resourceVersion in the patch it retries on a lost race (Kubernetes'
 * GuaranteedUpdate); with one, a stale version is 409 Conflict.
 */
import type { KubeObject, PatchType, RequestContext } from '../../model/index.js';
import { assertNever, notFound } from '../../model/index.js';
import type { ApiDeps } from '../deps.js';
import { applyJsonPatch } from '../patch/json-patch.js';
import { applyMergePatch } from '../patch/merge-patch.js';
import { applyStrategicMergePatch } from '../patch/strategic-merge-patch.js';
import { prepareUpdate } from '../prepare-update.js';
import { applyScale, toScale } from '../scale.js';
import type { ResolvedTarget } from '../target.js';
import { commitWrite } from '../write-path.js';

export function applyPatchOfType(t: ResolvedTarget, current: KubeObject, patchType: PatchType, patch: unknown): KubeObject {
  switch (patchType) {
    case 'json':
      return applyJsonPatch(current, patch);
    case 'merge':
      return applyMergePatch(current, patch);
    case 'strategic':
      return applyStrategicMergePatch(current, patch, { builtIn: !t.info.custom });
    default:
      return assertNever(patchType, 'patch type');
  }
}

/** Whether a patch pins the resourceVersion (then a lost race is a 409, not a retry). */
function pinsVersion(patchType: PatchType, patch: unknown): boolean {
  if (patchType === 'json') {
    return Array.isArray(patch) && patch.some((op: { path?: unknown }) => op?.path === '/metadata/resourceVersion');
  }
  const rv = (patch as { metadata?: { resourceVersion?: unknown } } | null)?.metadata?.resourceVersion;
  return typeof rv === 'string' && rv !== '';
}

export async function patch(
  deps: ApiDeps,
  t: ResolvedTarget,
  patchType: PatchType,
  body: unknown,
  ctx: RequestContext,
): Promise<KubeObject> {
  const result = await commitWrite(deps, {
    key: t.key,
    verb: 'patch',
    ...(t.subresource === undefined ? {} : { subresource: t.subresource }),
    ctx,
    retryOnConflict: !pinsVersion(patchType, body),
    decide: (current) => {
      if (current === undefined) throw notFound(t.status, t.name);
      if (t.subresource === 'scale') {
        // The patch applies to the Scale view; only its replica count reaches the parent.
        return prepareUpdate(deps, t, current, applyScale(t, current, applyPatchOfType(t, toScale(current), patchType, body)), ctx);
      }
      return prepareUpdate(deps, t, current, applyPatchOfType(t, current, patchType, body), ctx);
    },
  });
  return t.subresource === 'scale' ? toScale(result.object) : result.object;
}
