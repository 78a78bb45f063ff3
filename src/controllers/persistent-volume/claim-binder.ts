/**
 * The PersistentVolume binder's claim side (kube-controller-manager's
 * persistentvolume-binder, pv_controller.go `syncClaim`, 1.32).
 *
 * Unbound claims (no `pv.kubernetes.io/bind-completed`):
 * 1. No volumeName: bind the best matching volume (volume-match.ts). None:
 *    a claim with no class at all gets the default class (retroactive
 *    default StorageClass, GA in 1.28) and is synced again; a
 *    WaitForFirstConsumer claim the scheduler has not placed waits (Normal
 *    `WaitForFirstConsumer` "waiting for first consumer to be created before
 *    binding", or `WaitForPodScheduled` naming the pods); a claim with a
 *    class is provisioned (its provisioner is recorded in
 *    `volume.kubernetes.io/storage-provisioner` and its beta twin, Normal
 *    `ExternalProvisioning`; an unknown class or an in-tree provisioner is a
 *    Warning `ProvisioningFailed`); one with no class gets Normal
 *    `FailedBinding` "no persistent volumes available for this claim and no
 *    storage class is set".
 * 2. A volumeName (pre-bound by the user): bind it if it is free and fits
 *    (else Warning `VolumeMismatch`), finish it if it points back, refuse it
 *    if another claim has it (Warning `FailedBinding`).
 * Bound claims: a claim whose volume is gone, or reserved for another
 * claim, is `Lost` (Warning `ClaimLost` / `ClaimMisbound`), once.
 *
 * Unbound claims are synced again every 15 s (the controller's
 * `--pvclaimbinder-sync-period`), which is how a volume created after the
 * claim is found — and why a Pending claim's events count up.
 */
import type { PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1.js';
import type { Command, KubeObject } from '../../model/index.js';
import type { StateView } from '../../store/index.js';
import type { ControllerDefinition, ReconcileContext, ReconcileResult } from '../controller.js';
import { done } from '../controller.js';
import { recordEvent } from '../events.js';
import { bindClaimToVolume, bindVolumeToClaim, claimStatus, defined, updateOf, volumePhase, withAnnotations } from './bind-commands.js';
import {
  ANN_BETA_STORAGE_PROVISIONER,
  ANN_BIND_COMPLETED,
  ANN_SELECTED_NODE,
  ANN_STORAGE_PROVISIONER,
  PV_CONTROLLER_COMPONENT,
  PV_SCOPE,
  annotation,
  claimClassName,
  claimHasClass,
  defaultStorageClass,
  hasAnnotation,
  isDelayBinding,
  pvKey,
  pvcKey,
  storageClassOf,
} from './storage-facts.js';
import { findBestMatchForClaim, isVolumeBoundToClaim, volumeMismatch } from './volume-match.js';

/** The binder's resync period (kube-controller-manager `--pvclaimbinder-sync-period`). */
export const CLAIM_RESYNC_MS = 15_000;
export const WAIT_FOR_FIRST_CONSUMER_MESSAGE = 'waiting for first consumer to be created before binding';
export const NO_CLASS_MESSAGE = 'no persistent volumes available for this claim and no storage class is set';
export const externalProvisioningMessage = (provisioner: string): string =>
  `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`;

export interface ClaimBinderOptions {
  readonly resyncMs?: number;
}

type Ctx = Pick<ReconcileContext, 'now' | 'epoch'>;

function event(view: StateView, ctx: Ctx, claim: PersistentVolumeClaim, type: 'Normal' | 'Warning', reason: string, message: string): Command {
  return recordEvent(view, ctx, { object: claim as KubeObject, type, reason, message, component: PV_CONTROLLER_COMPONENT });
}

/** The 4 writes of `bind`, as far as each is needed. */
export function bindCommands(pv: PersistentVolume, claim: PersistentVolumeClaim, ctx: Ctx): Command[] {
  return defined([bindVolumeToClaim(pv, claim), volumePhase(pv, 'Bound', '', ctx), bindClaimToVolume(claim, pv), claimStatus(claim, 'Bound', pv)]);
}

/** Pods not yet on a node that use the claim (`findNonScheduledPodsByPVC`), sorted by name. */
export function unscheduledConsumers(view: StateView, claim: PersistentVolumeClaim): string[] {
  const ns = claim.metadata?.namespace ?? 'default';
  const name = claim.metadata?.name ?? '';
  return view
    .list({ group: '', resource: 'pods', namespace: ns })
    .map((o) => o as Pod)
    .filter((p) => (p.spec?.nodeName ?? '') === '' && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')
    .filter((p) => (p.spec?.volumes ?? []).some((v) => v.persistentVolumeClaim?.claimName === name || (v.ephemeral !== undefined && `${p.metadata?.name ?? ''}-${v.name}` === name)))
    .map((p) => p.metadata?.name ?? '')
    .sort();
}

/** `provisionClaim` for a claim no volume matches: what the binder writes and says. */
function provision(view: StateView, ctx: Ctx, claim: PersistentVolumeClaim): Command[] {
  const className = claimClassName(claim);
  const cls = storageClassOf(view, className);
  if (cls === undefined) return [event(view, ctx, claim, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${className}" not found`)];
  const provisioner = cls.provisioner;
  // chronokube has no in-tree volume plugins: a kubernetes.io/ provisioner names a plugin that is not there.
  if (provisioner.startsWith('kubernetes.io/')) return [event(view, ctx, claim, 'Warning', 'ProvisioningFailed', `no volume plugin matched name: ${provisioner}`)];
  const out: Command[] = [];
  if (annotation(claim, ANN_STORAGE_PROVISIONER) !== provisioner || annotation(claim, ANN_BETA_STORAGE_PROVISIONER) !== provisioner) {
    out.push(updateOf(claim, (c) => withAnnotations(c, { [ANN_STORAGE_PROVISIONER]: provisioner, [ANN_BETA_STORAGE_PROVISIONER]: provisioner })));
  }
  out.push(event(view, ctx, claim, 'Normal', 'ExternalProvisioning', externalProvisioningMessage(provisioner)));
  return out;
}

function syncUnboundClaim(view: StateView, ctx: Ctx, claim: PersistentVolumeClaim, resyncMs: number): ReconcileResult {
  const pending = (commands: readonly (Command | undefined)[]): ReconcileResult => ({ commands: defined([...commands, claimStatus(claim, 'Pending', undefined)]), requeueAfterMs: resyncMs });
  const volumeName = claim.spec?.volumeName ?? '';
  if (volumeName === '') {
    const delay = isDelayBinding(view, claim);
    const pv = findBestMatchForClaim(claim, view.list(PV_SCOPE) as unknown as PersistentVolume[], delay);
    if (pv !== undefined) return { commands: bindCommands(pv, claim, ctx) };
    if (!claimHasClass(claim)) {
      const def = defaultStorageClass(view);
      if (def !== undefined) return { commands: [updateOf(claim, (c) => ({ ...c, spec: { ...c.spec, storageClassName: def.metadata?.name ?? '' } }))] };
    }
    if (delay && !hasAnnotation(claim, ANN_SELECTED_NODE)) {
      const pods = unscheduledConsumers(view, claim);
      if (pods.length === 0) return pending([event(view, ctx, claim, 'Normal', 'WaitForFirstConsumer', WAIT_FOR_FIRST_CONSUMER_MESSAGE)]);
      const message = pods.length === 1 ? `waiting for pod ${pods[0] ?? ''} to be scheduled` : `waiting for pods ${pods.join(',')} to be scheduled`;
      return pending([event(view, ctx, claim, 'Normal', 'WaitForPodScheduled', message)]);
    }
    if (claimClassName(claim) !== '') return { commands: provision(view, ctx, claim), requeueAfterMs: resyncMs };
    return pending([event(view, ctx, claim, 'Normal', 'FailedBinding', NO_CLASS_MESSAGE)]);
  }
  const pv = view.get(pvKey(volumeName)) as PersistentVolume | undefined;
  if (pv === undefined) return pending([]);
  if (pv.spec?.claimRef === undefined) {
    const why = volumeMismatch(claim, pv);
    if (why !== undefined) return pending([event(view, ctx, claim, 'Warning', 'VolumeMismatch', `Cannot bind to requested volume "${volumeName}": ${why}`)]);
    return { commands: bindCommands(pv, claim, ctx) };
  }
  if (isVolumeBoundToClaim(pv, claim)) return { commands: bindCommands(pv, claim, ctx) };
  return pending([event(view, ctx, claim, 'Warning', 'FailedBinding', `volume "${volumeName}" already bound to a different claim.`)]);
}

function lost(view: StateView, ctx: Ctx, claim: PersistentVolumeClaim, reason: string, message: string): ReconcileResult {
  if (claim.status?.phase === 'Lost') return done();
  return { commands: defined([claimStatus(claim, 'Lost', undefined), event(view, ctx, claim, 'Warning', reason, message)]) };
}

function syncBoundClaim(view: StateView, ctx: Ctx, claim: PersistentVolumeClaim): ReconcileResult {
  const volumeName = claim.spec?.volumeName ?? '';
  if (volumeName === '') return lost(view, ctx, claim, 'ClaimLost', 'Bound claim has lost reference to PersistentVolume. Data on the volume is lost!');
  const pv = view.get(pvKey(volumeName)) as PersistentVolume | undefined;
  if (pv === undefined) return lost(view, ctx, claim, 'ClaimLost', 'Bound claim has lost its PersistentVolume. Data on the volume is lost!');
  if (pv.spec?.claimRef === undefined || pv.spec.claimRef.uid === claim.metadata?.uid) return { commands: bindCommands(pv, claim, ctx) };
  return lost(view, ctx, claim, 'ClaimMisbound', 'Two claims are bound to the same volume, this one is bound incorrectly');
}

/** Claim keys a volume change concerns: the claims its claimRef named, before and after. */
function claimsOfVolume(o: KubeObject | undefined): string[] {
  const ref = (o as PersistentVolume | undefined)?.spec?.claimRef;
  return ref?.name === undefined ? [] : [pvcKey(ref.namespace ?? 'default', ref.name)];
}

export function persistentVolumeClaimBinder(options: ClaimBinderOptions = {}): ControllerDefinition {
  const resyncMs = options.resyncMs ?? CLAIM_RESYNC_MS;
  return {
    name: 'persistentvolume-binder',
    for: { group: '', kind: 'PersistentVolumeClaim' },
    watches: [{ kind: { group: '', kind: 'PersistentVolume' }, handler: (c) => [...new Set([...claimsOfVolume(c.object), ...claimsOfVolume(c.previous)])] }],
    reconcile(key, view, ctx) {
      const claim = view.get(key) as PersistentVolumeClaim | undefined;
      if (claim === undefined) return done();
      if (!hasAnnotation(claim, ANN_BIND_COMPLETED)) return syncUnboundClaim(view, ctx, claim, resyncMs);
      return syncBoundClaim(view, ctx, claim);
    },
  };
}
