/**
 * Compares a branch with the history it was forked from, at matching times:
 * the objects present in only one of them, the objects whose content differs
 * (JSON Patch from the original's version to the branch's, with
 * `resourceVersion` and `managedFields` left out), and how many writes of
 * each actor, verb and resource each made after the fork point.
 */
import jsonPatch from 'fast-json-patch';
import { revAtTime } from '../invariants/index.js';
import type { JsonPatch, KubeObject } from '../model/index.js';
import { parseKey } from '../model/index.js';
import type { Store } from '../store/index.js';

export interface ActionCount {
  readonly actor: string;
  /** `create`, `delete`, `update/status`, ... */
  readonly verb: string;
  /** `pods`, `apps/replicasets`, ... */
  readonly resource: string;
  readonly original: number;
  readonly branch: number;
}

export interface BranchComparison {
  /** Virtual time compared at. */
  readonly time: number;
  /** The last revision at or before `time` in each. */
  readonly originalRev: number;
  readonly branchRev: number;
  readonly onlyInOriginal: readonly string[];
  readonly onlyInBranch: readonly string[];
  readonly changed: readonly { readonly key: string; readonly patch: JsonPatch }[];
  /** Writes after the fork point up to `time`, per actor, verb and resource, where the two differ (sorted). */
  readonly actions: readonly ActionCount[];
}

export interface CompareOptions {
  /** Leave these keys out of the object comparison (e.g. Leases, Events). */
  readonly ignore?: (key: string) => boolean;
}

function comparable(o: KubeObject): unknown {
  const { resourceVersion: _r, managedFields: _m, ...metadata } = o.metadata as KubeObject['metadata'] & Record<string, unknown>;
  return { ...o, metadata };
}

function actionCounts(store: Store, fromRev: number, toRev: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const w of store.writes({ fromRev: fromRev + 1, toRev })) {
    const k = parseKey(w.key);
    const id = `${w.actor}\u0000${w.subresource === undefined ? w.verb : `${w.verb}/${w.subresource}`}\u0000${k.group === '' ? k.resource : `${k.group}/${k.resource}`}`;
    out.set(id, (out.get(id) ?? 0) + 1);
  }
  return out;
}

export function compareBranches(original: Store, branch: Store, forkRev: number, time: number, opts: CompareOptions = {}): BranchComparison {
  const originalRev = revAtTime(original, time);
  const branchRev = revAtTime(branch, time);
  const a = original.at(originalRev);
  const b = branch.at(branchRev);
  const keep = (k: string): boolean => opts.ignore === undefined || !opts.ignore(k);
  const aKeys = a.keys().filter(keep);
  const bKeys = new Set(b.keys().filter(keep));
  const onlyInOriginal: string[] = [];
  const changed: { key: string; patch: JsonPatch }[] = [];
  for (const k of aKeys) {
    const bo = b.get(k);
    if (bo === undefined) {
      onlyInOriginal.push(k);
      continue;
    }
    bKeys.delete(k);
    const ao = a.get(k);
    if (ao === undefined) continue;
    const patch = jsonPatch.compare(comparable(ao) as object, comparable(bo) as object);
    if (patch.length > 0) changed.push({ key: k, patch });
  }
  const ca = actionCounts(original, forkRev, originalRev);
  const cb = actionCounts(branch, forkRev, branchRev);
  const actions: ActionCount[] = [];
  for (const id of [...new Set([...ca.keys(), ...cb.keys()])].sort()) {
    const [actor = '', verb = '', resource = ''] = id.split('\u0000');
    const n = ca.get(id) ?? 0;
    const m = cb.get(id) ?? 0;
    if (n !== m) actions.push({ actor, verb, resource, original: n, branch: m });
  }
  return { time, originalRev, branchRev, onlyInOriginal, onlyInBranch: [...bKeys].sort(), changed, actions };
}
