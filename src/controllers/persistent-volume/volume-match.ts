/**
 * Which PersistentVolume a claim may bind to — k8s.io/component-helpers
 * storage/volume `FindMatchingVolume` and the binder's
 * `findBestMatchForClaim` (1.32), as pure functions shared by the binder
 * (no node), the scheduler's VolumeBinding plugin (a node) and `whynot`
 * (`volumeMismatch`: why one volume does not fit).
 *
 * A volume matches when it is not reserved for another claim, is at least
 * the requested size, has the same volumeMode, is not being deleted, and
 * fits the node's labels (scheduler path). A volume pre-bound to the claim
 * (claimRef naming it) is taken at once; otherwise it must be Available,
 * match the claim's selector and class, and (scheduler path) offer every
 * requested access mode. Of the matches the smallest wins. The binder does
 * not bind WaitForFirstConsumer claims itself (the scheduler chooses), and
 * looks at volumes grouped by access modes, fewest modes first — so a
 * ReadWriteOnce claim prefers a ReadWriteOnce volume to a bigger-moded one.
 */
import type { NodeSelectorTerm, PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1.js';
import type { Quantity } from '../../model/index.js';
import { compareQuantities, fromLabelSelector, matches, parseQuantity } from '../../model/index.js';
import { termMatches } from '../scheduler/filters/node-affinity.js';
import { claimClassName, volumeClassName } from './storage-facts.js';

function quantity(v: unknown): Quantity | undefined {
  if (typeof v !== 'string' && typeof v !== 'number') return undefined;
  try {
    return parseQuantity(v);
  } catch {
    return undefined;
  }
}

const ZERO = parseQuantity(0);
export const requestedStorage = (c: PersistentVolumeClaim): Quantity => quantity(c.spec?.resources?.requests?.['storage']) ?? ZERO;
export const volumeCapacity = (v: PersistentVolume): Quantity => quantity(v.spec?.capacity?.['storage']) ?? ZERO;

/** `IsVolumeBoundToClaim`: the volume's claimRef names the claim (and its uid, once set). */
export function isVolumeBoundToClaim(v: PersistentVolume, c: PersistentVolumeClaim): boolean {
  const ref = v.spec?.claimRef;
  if (ref === undefined) return false;
  if (ref.name !== c.metadata?.name || (ref.namespace ?? '') !== (c.metadata?.namespace ?? '')) return false;
  return (ref.uid ?? '') === '' || ref.uid === c.metadata?.uid;
}

/** `CheckVolumeModeMismatches` (an absent mode is Filesystem). */
export const volumeModeMismatch = (c: PersistentVolumeClaim, v: PersistentVolume): boolean => (c.spec?.volumeMode ?? 'Filesystem') !== (v.spec?.volumeMode ?? 'Filesystem');

/** `CheckAccessModes`: the volume offers every mode the claim asks for. */
export const accessModesFit = (c: PersistentVolumeClaim, v: PersistentVolume): boolean => (c.spec?.accessModes ?? []).every((m) => (v.spec?.accessModes ?? []).includes(m));

/** `CheckNodeAffinity`: the volume's required node affinity matches the node's labels (no affinity: any node). */
export function volumeFitsNode(v: PersistentVolume, nodeLabels: Readonly<Record<string, string>>): boolean {
  const terms: readonly NodeSelectorTerm[] | undefined = v.spec?.nodeAffinity?.required?.nodeSelectorTerms;
  if (v.spec?.nodeAffinity?.required === undefined) return true;
  return (terms ?? []).some((t) => termMatches(t, { name: '', labels: nodeLabels }));
}

export interface MatchOptions {
  /** The scheduler's candidate node (its labels): checks node affinity and access modes. */
  readonly nodeLabels?: Readonly<Record<string, string>>;
  /** Volumes already chosen for other claims of the same pod. */
  readonly excluded?: ReadonlySet<string>;
  /** The claim's class binds WaitForFirstConsumer. */
  readonly delayBinding: boolean;
}

/** `FindMatchingVolume`: the smallest volume of `volumes` the claim may bind to, or undefined. */
export function findMatchingVolume(claim: PersistentVolumeClaim, volumes: readonly PersistentVolume[], o: MatchOptions): PersistentVolume | undefined {
  const requested = requestedStorage(claim);
  const selector = claim.spec?.selector === undefined ? undefined : fromLabelSelector(claim.spec.selector);
  const cls = claimClassName(claim);
  let best: PersistentVolume | undefined;
  let bestSize: Quantity | undefined;
  for (const v of volumes) {
    if (o.excluded?.has(v.metadata?.name ?? '') === true) continue;
    const bound = isVolumeBoundToClaim(v, claim);
    if (v.spec?.claimRef !== undefined && !bound) continue;
    const size = volumeCapacity(v);
    if (compareQuantities(size, requested) < 0) continue;
    if (volumeModeMismatch(claim, v)) continue;
    if (v.metadata?.deletionTimestamp !== undefined) continue;
    const affinityOk = o.nodeLabels === undefined || volumeFitsNode(v, o.nodeLabels);
    if (bound) return affinityOk ? v : undefined;
    if (o.nodeLabels === undefined && o.delayBinding) continue;
    if (v.status?.phase !== 'Available') continue;
    if (selector !== undefined && !matches(selector, v.metadata?.labels)) continue;
    if (volumeClassName(v) !== cls) continue;
    if (!affinityOk) continue;
    if (o.nodeLabels !== undefined && !accessModesFit(claim, v)) continue;
    if (best === undefined || compareQuantities(bestSize as Quantity, size) > 0) {
      best = v;
      bestSize = size;
    }
  }
  return best;
}

const modesKey = (v: PersistentVolume): string => [...new Set(v.spec?.accessModes ?? [])].sort().join(',');

/**
 * The binder's `findBestMatchForClaim`: volumes grouped by their access
 * modes; the groups offering every requested mode are tried fewest modes
 * first (ties by name), and the first group with a match gives it.
 * `volumes` should be sorted by name (the view's order) for a stable pick.
 */
export function findBestMatchForClaim(claim: PersistentVolumeClaim, volumes: readonly PersistentVolume[], delayBinding: boolean): PersistentVolume | undefined {
  const groups = new Map<string, PersistentVolume[]>();
  for (const v of volumes) {
    const k = modesKey(v);
    const g = groups.get(k);
    if (g === undefined) groups.set(k, [v]);
    else g.push(v);
  }
  const wanted = claim.spec?.accessModes ?? [];
  const keys = [...groups.keys()]
    .filter((k) => wanted.every((m) => k.split(',').includes(m)))
    .sort((a, b) => a.split(',').length - b.split(',').length || (a < b ? -1 : a > b ? 1 : 0));
  for (const k of keys) {
    const v = findMatchingVolume(claim, groups.get(k) ?? [], { delayBinding });
    if (v !== undefined) return v;
  }
  return undefined;
}

/**
 * Why a volume is not a match for a claim, in words (undefined: it is one,
 * binder path) — for `whynot` on a Pending claim.
 */
export function volumeMismatch(claim: PersistentVolumeClaim, v: PersistentVolume): string | undefined {
  if (v.spec?.claimRef !== undefined && !isVolumeBoundToClaim(v, claim)) {
    return `reserved for claim ${v.spec.claimRef.namespace ?? ''}/${v.spec.claimRef.name ?? ''}`;
  }
  if (compareQuantities(volumeCapacity(v), requestedStorage(claim)) < 0) {
    return `capacity ${String(v.spec?.capacity?.['storage'] ?? '0')} is less than the requested ${String(claim.spec?.resources?.requests?.['storage'] ?? '0')}`;
  }
  if (volumeModeMismatch(claim, v)) return `volumeMode ${v.spec?.volumeMode ?? 'Filesystem'} differs from the claim's ${claim.spec?.volumeMode ?? 'Filesystem'}`;
  if (v.metadata?.deletionTimestamp !== undefined) return 'being deleted';
  if (isVolumeBoundToClaim(v, claim)) return undefined;
  if (v.status?.phase !== 'Available') return `phase is ${v.status?.phase ?? 'Pending'}, not Available`;
  if (claim.spec?.selector !== undefined && !matches(fromLabelSelector(claim.spec.selector), v.metadata?.labels)) return "labels do not match the claim's selector";
  if (volumeClassName(v) !== claimClassName(claim)) return `storageClassName "${volumeClassName(v)}" differs from the claim's "${claimClassName(claim)}"`;
  if (!accessModesFit(claim, v)) return `access modes [${(v.spec?.accessModes ?? []).join(',')}] lack some of [${(claim.spec?.accessModes ?? []).join(',')}]`;
  return undefined;
}
