/**
 * One sync of one Deployment, as the state Kubernetes 1.32's
 * `DeploymentController` threads through its helpers: working copies of
 * the Deployment and its ReplicaSets that each step mutates (as the Go code
 * mutates `d` and uses the objects its writes return), and the commands
 * those steps would have sent, in order.
 *
 * Where Kubernetes writes the Deployment's status more than once in a sync
 * (a new ReplicaSet's condition, then the rollout status), the sync ends
 * with one write of the final status; it is skipped when the status equals
 * the stored one (`reflect.DeepEqual`). The revision annotation, which
 * Kubernetes writes through `UpdateStatus` (its status strategy keeps
 * annotations), is a separate metadata patch here, because this API's
 * status subresource keeps all metadata.
 *
 * ReplicaSet writes are merge patches of `spec.replicas`,
 * `spec.minReadySeconds` and the annotations; events follow each write
 * they report, as `Eventf` follows a successful `Update`.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Command, KubeObject } from '../../model/index.js';
import { objectKey } from '../../model/index.js';
import type { StateView } from '../../store/index.js';
import type { ReconcileContext, ReconcileResult } from '../controller.js';
import { controllerOf } from '../handlers.js';
import { eventName, recordEvent } from '../events.js';
import { COMPONENT, REVISION, Reason } from './names.js';
import { equalIgnoreHash, findNewReplicaSet, findOldReplicaSets, newReplicaSetFor, templateHash } from './new-replica-set.js';
import type { Now } from './progress.js';
import { getCondition, hasProgressDeadline, newCondition, nowOf, setCondition } from './progress.js';
import { maxRevision, specReplicas } from './replica-sets.js';
import { replicasAnnotationsNeedUpdate, replicasAnnotationValues, setNewReplicaSetAnnotations, setReplicasAnnotations } from './revision.js';
import { newRSNewReplicas } from './rolling-update.js';
import { sameStatus, normalizeStatus } from './status.js';

export interface SplitReplicaSets {
  readonly newRS: ReplicaSet | undefined;
  readonly oldRSs: ReplicaSet[];
}

/** Thrown inside a sync where Kubernetes returns an error and ends it (a hash collision). */
export class SyncAborted extends Error {}

export class DeploymentSync {
  readonly d: Deployment;
  readonly now: Now;
  readonly commands: Command[] = [];
  private readonly events = new Set<string>();

  constructor(
    readonly view: StateView,
    readonly ctx: ReconcileContext,
    readonly stored: KubeObject,
    /** The claimed ReplicaSets (working copies). */
    readonly rsList: ReplicaSet[],
    /** Pods of each claimed ReplicaSet, by its uid (Recreate waits for them). */
    readonly podMap: ReadonlyMap<string, readonly Pod[]>,
  ) {
    this.d = structuredClone(stored) as Deployment;
    this.now = nowOf(ctx.epoch, ctx.now);
  }

  get name(): string {
    return this.d.metadata?.name ?? '';
  }

  /** A `ScalingReplicaSet`-style event about the Deployment (one per distinct message per sync). */
  event(type: 'Normal' | 'Warning', reason: string, message: string): void {
    const spec = { object: this.stored, type, reason, message, component: COMPONENT } as const;
    const name = eventName(spec);
    if (this.events.has(name)) return;
    this.events.add(name);
    this.commands.push(recordEvent(this.view, this.ctx, spec));
  }

  private patchRS(rs: ReplicaSet): void {
    this.commands.push({
      type: 'patch',
      ref: { apiVersion: 'apps/v1', kind: 'ReplicaSet', namespace: rs.metadata?.namespace ?? '', name: rs.metadata?.name ?? '' },
      patchType: 'merge',
      patch: {
        metadata: { annotations: { ...(rs.metadata?.annotations ?? {}) } },
        spec: { replicas: specReplicas(rs), minReadySeconds: rs.spec?.minReadySeconds ?? 0 },
      },
    });
  }

  private setSize(rs: ReplicaSet, size: number): void {
    const spec = (rs.spec ??= { selector: {} });
    if (spec.replicas !== size) {
      spec.replicas = size;
      rs.metadata = { ...rs.metadata, generation: (rs.metadata?.generation ?? 0) + 1 };
    }
  }

  /** `scaleReplicaSet`: writes the size and replicas annotations when either is stale; true when the size changed. */
  scaleReplicaSet(rs: ReplicaSet, newScale: number, operation: string): boolean {
    const [desired, max] = replicasAnnotationValues(this.d);
    const sizeNeedsUpdate = specReplicas(rs) !== newScale;
    if (!sizeNeedsUpdate && !replicasAnnotationsNeedUpdate(rs, desired, max)) return false;
    const oldScale = specReplicas(rs);
    this.setSize(rs, newScale);
    setReplicasAnnotations(rs, desired, max);
    this.patchRS(rs);
    if (sizeNeedsUpdate) this.event('Normal', 'ScalingReplicaSet', `Scaled ${operation} replica set ${rs.metadata?.name ?? ''} to ${newScale} from ${oldScale}`);
    return sizeNeedsUpdate;
  }

  /** `scaleReplicaSetAndRecordEvent`: nothing when the size is right (stale annotations included). */
  scaleAndRecord(rs: ReplicaSet, newScale: number): boolean {
    if (specReplicas(rs) === newScale) return false;
    return this.scaleReplicaSet(rs, newScale, specReplicas(rs) < newScale ? 'up' : 'down');
  }

  /** `getAllReplicaSetsAndSyncRevision`: the new ReplicaSet (created when asked and missing) and all old ones. */
  getAll(create: boolean): SplitReplicaSets {
    const oldRSs = findOldReplicaSets(this.d, this.rsList);
    return { newRS: this.getNewReplicaSet(oldRSs, create), oldRSs };
  }

  private setDeploymentRevision(revision: string): void {
    const m = (this.d.metadata ??= {});
    m.annotations = { ...(m.annotations ?? {}), [REVISION]: revision };
  }

  private getNewReplicaSet(oldRSs: ReplicaSet[], create: boolean): ReplicaSet | undefined {
    const existing = findNewReplicaSet(this.d, this.rsList);
    const newRevision = maxRevision(oldRSs) + 1;
    if (existing !== undefined) {
      const annotationsUpdated = setNewReplicaSetAnnotations(this.d, existing, newRevision, true);
      const minReady = this.d.spec?.minReadySeconds ?? 0;
      if (annotationsUpdated || (existing.spec?.minReadySeconds ?? 0) !== minReady) {
        (existing.spec ??= { selector: {} }).minReadySeconds = minReady;
        this.patchRS(existing);
        return existing;
      }
      this.setDeploymentRevision(existing.metadata?.annotations?.[REVISION] ?? '');
      if (hasProgressDeadline(this.d) && getCondition(this.d.status, 'Progressing') === undefined) {
        setCondition((this.d.status ??= {}), newCondition('Progressing', 'True', Reason.FoundNewRS, `Found new replica set "${existing.metadata?.name ?? ''}"`, this.now));
      }
      return existing;
    }
    if (!create) return undefined;

    const hash = templateHash(this.d);
    const rs = newReplicaSetFor(this.d, hash);
    const rsName = rs.metadata?.name ?? '';
    const taken = this.view.get(objectKey({ group: 'apps', resource: 'replicasets', namespace: rs.metadata?.namespace ?? '', name: rsName }));
    if (taken !== undefined) {
      // AlreadyExists: ours with our template is the new ReplicaSet; anything else is a hash collision.
      const ref = controllerOf(taken);
      const takenRS = structuredClone(taken) as ReplicaSet;
      if (ref?.uid === this.d.metadata?.uid && equalIgnoreHash(this.d.spec?.template, takenRS.spec?.template)) {
        this.rsList.push(takenRS);
        this.setDeploymentRevision(String(newRevision));
        return takenRS;
      }
      const status = (this.d.status ??= {});
      status.collisionCount = (status.collisionCount ?? 0) + 1;
      throw new SyncAborted(`hash collision: ReplicaSet ${rsName} exists`);
    }
    const refusal = this.ctx.lastRefusal;
    if (refusal !== undefined && refusal.details?.kind === 'replicasets' && refusal.reason !== 'AlreadyExists') {
      const msg = `Failed to create new replica set "${rsName}": ${refusal.message}`;
      if (hasProgressDeadline(this.d)) setCondition((this.d.status ??= {}), newCondition('Progressing', 'False', Reason.FailedRSCreate, msg, this.now));
      this.event('Warning', Reason.FailedRSCreate, msg);
    }
    rs.spec = { ...rs.spec, selector: rs.spec?.selector ?? {}, replicas: newRSNewReplicas(this.d, [...oldRSs, rs], rs) };
    setNewReplicaSetAnnotations(this.d, rs, newRevision, false);
    this.commands.push({ type: 'create', object: rs as KubeObject });
    const replicas = specReplicas(rs);
    if (replicas > 0) this.event('Normal', 'ScalingReplicaSet', `Scaled up replica set ${rsName} to ${replicas}`);
    // The created object, as the API returns it, for the rest of the sync.
    const created: ReplicaSet = { ...rs, metadata: { ...rs.metadata, creationTimestamp: this.now.stamp, generation: 1 }, status: { replicas: 0 } };
    this.rsList.push(created);
    this.setDeploymentRevision(String(newRevision));
    if (hasProgressDeadline(this.d)) {
      setCondition((this.d.status ??= {}), newCondition('Progressing', 'True', Reason.NewRS, `Created new replica set "${rsName}"`, this.now));
    }
    return created;
  }

  /** The sync's commands plus the Deployment's status and revision writes, when they changed. */
  finish(requeueAfterMs?: number): ReconcileResult {
    const commands = [...this.commands];
    const ref = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: this.stored.metadata.namespace ?? '', name: this.name };
    if (!sameStatus(this.stored['status'] as Deployment['status'], this.d.status)) {
      commands.push({ type: 'update', subresource: 'status', object: { ...this.stored, status: normalizeStatus(this.d.status) } });
    }
    const revision = this.d.metadata?.annotations?.[REVISION];
    if (revision !== undefined && this.stored.metadata.annotations?.[REVISION] !== revision) {
      commands.push({ type: 'patch', ref, patchType: 'merge', patch: { metadata: { annotations: { [REVISION]: revision } } } });
    }
    return requeueAfterMs === undefined ? { commands } : { commands, requeueAfterMs };
  }
}
