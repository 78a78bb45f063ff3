/**
 * Per-kind behaviour of the generic verbs, as Kubernetes' registry
 * "strategies" define it: whether `metadata.generation` is tracked, what a
 * create resets, how long a graceful delete waits, and whether deleting only
 * marks the object. Everything not listed behaves generically.
 */
import type { KindInfo, KubeObject } from '../model/index.js';
import { deepEqual, generateJobSelector } from '../model/index.js';
import { podQosClass } from './pod-qos.js';

export interface KindStrategy {
  /** `metadata.generation` starts at 1 and is bumped on every spec change. */
  readonly tracksGeneration: boolean;
  /** The kind has a `status` subresource: the main resource ignores status changes and vice versa. */
  readonly hasStatusSubresource: boolean;
  /**
   * What kube-apiserver's decoding adds to a body of this kind beyond the
   * scheme's defaults (defaulting and conversion happen before field
   * tracking, so the writer owns these fields). Runs right after defaulting.
   */
  decode?(obj: KubeObject): KubeObject;
  /** Adjusts a new object after the scheme's pod admission, before the admission chain and validation (e.g. status reset); `now` is the create's RFC 3339 time. */
  prepareForCreate(obj: KubeObject, now: string): KubeObject;
  /** Adjusts a new object once it has its uid and name (the Job selector is built from the uid). */
  withIdentity?(obj: KubeObject): KubeObject;
  /** Seconds a delete waits (0: delete at once); `requested` is the client's gracePeriodSeconds. */
  gracePeriodSeconds(obj: KubeObject, requested: number | undefined): number;
  /** For kinds that finalize through their own spec (Namespace): the marked object, or undefined to delete normally. */
  markForDeletion?(obj: KubeObject, deletionTimestamp: string): KubeObject | undefined;
  /** Adjusts the next version of the main resource from the current one (after defaulting, before validation). */
  prepareForUpdate?(current: KubeObject, next: KubeObject): KubeObject;
}

/** Groups whose kinds track generation in Kubernetes 1.32 (pods only from 1.33 on). */
const GENERATION_GROUPS = new Set(['apps', 'batch', 'autoscaling', 'policy', 'apiextensions.k8s.io', 'networking.k8s.io']);
const CORE_GENERATION_KINDS = new Set(['ReplicationController']);

function generic(info: KindInfo): KindStrategy {
  const hasStatusSubresource = info.subresources.some((s) => s.name === 'status');
  return {
    tracksGeneration:
      info.custom ||
      (GENERATION_GROUPS.has(info.group) && info.kind !== 'IngressClass') ||
      (info.group === '' && CORE_GENERATION_KINDS.has(info.kind)),
    hasStatusSubresource,
    prepareForCreate: (obj) => {
      if (!hasStatusSubresource || obj['status'] === undefined) return obj;
      const { status: _dropped, ...rest } = obj;
      return rest as KubeObject;
    },
    gracePeriodSeconds: (_obj, requested) => requested ?? 0,
  };
}

function pod(info: KindInfo): KindStrategy {
  const base = generic(info);
  return {
    ...base,
    prepareForCreate: (obj) => ({ ...obj, status: { phase: 'Pending', qosClass: podQosClass(obj) } }),
    gracePeriodSeconds: (obj, requested) => {
      const spec = obj['spec'] as { nodeName?: string; terminationGracePeriodSeconds?: number } | undefined;
      const phase = (obj['status'] as { phase?: string } | undefined)?.phase;
      // An unscheduled or finished pod has no kubelet to wait for: Kubernetes deletes it at once.
      if (spec?.nodeName === undefined || spec.nodeName === '' || phase === 'Succeeded' || phase === 'Failed') return 0;
      return requested ?? spec.terminationGracePeriodSeconds ?? 30;
    },
  };
}

/**
 * Kubernetes 1.32's namespaceStrategy: the `kubernetes.io/metadata.name`
 * label comes from defaulting (the scheme's, so the creator owns it; a
 * generated name gets it here); on create the `kubernetes` finalizer is
 * added to spec.finalizers when missing (appended to any the client sent)
 * and the phase is Active.
 */
function namespace(info: KindInfo): KindStrategy {
  const base = generic(info);
  return {
    ...base,
    prepareForCreate: (obj) => {
      const spec = (obj['spec'] as { finalizers?: string[] } | undefined) ?? {};
      const sent = spec.finalizers ?? [];
      const finalizers = sent.includes('kubernetes') ? sent : [...sent, 'kubernetes'];
      return { ...obj, spec: { ...spec, finalizers }, status: { phase: 'Active' } };
    },
    // Canonicalize: a generated name was not known when defaulting ran.
    withIdentity: (obj) => {
      const name = obj.metadata.name ?? '';
      if (obj.metadata.labels?.['kubernetes.io/metadata.name'] === name) return obj;
      return { ...obj, metadata: { ...obj.metadata, labels: { ...obj.metadata.labels, 'kubernetes.io/metadata.name': name } } };
    },
    markForDeletion: (obj, deletionTimestamp) => {
      const finalizers = (obj['spec'] as { finalizers?: string[] } | undefined)?.finalizers ?? [];
      if (finalizers.length === 0 && (obj.metadata.finalizers ?? []).length === 0) return undefined;
      return {
        ...obj,
        metadata: { ...obj.metadata, deletionTimestamp: obj.metadata.deletionTimestamp ?? deletionTimestamp, deletionGracePeriodSeconds: 0 },
        status: { ...(obj['status'] as object | undefined), phase: 'Terminating' },
      };
    },
  };
}

function job(info: KindInfo): KindStrategy {
  return {
    ...generic(info),
    withIdentity: (obj) => {
      const copy = structuredClone(obj) as KubeObject;
      generateJobSelector(copy as Parameters<typeof generateJobSelector>[0], obj.metadata.uid ?? '');
      return copy;
    },
  };
}

/**
 * Kubernetes 1.32's persistentvolumeclaimStrategy resets status on create,
 * and every read defaults an empty phase to Pending
 * (SetDefaults_PersistentVolumeClaim): a new claim reads `phase: Pending`
 * whatever status the client sent.
 */
function persistentVolumeClaim(info: KindInfo): KindStrategy {
  return { ...generic(info), prepareForCreate: (obj) => ({ ...obj, status: { phase: 'Pending' } }) };
}

/**
 * Kubernetes 1.32's persistentvolumeStrategy resets status on create to
 * `phase: Pending` with `lastPhaseTransitionTime` now (the
 * PersistentVolumeLastPhaseTransitionTime feature, GA since 1.31).
 */
function persistentVolume(info: KindInfo): KindStrategy {
  return { ...generic(info), prepareForCreate: (obj, now) => ({ ...obj, status: { phase: 'Pending', lastPhaseTransitionTime: now } }) };
}

/** Kubelets register a Node with its status filled in; Kubernetes keeps it on create. */
function node(info: KindInfo): KindStrategy {
  return { ...generic(info), prepareForCreate: (obj) => obj };
}

/** apps/v1's view of the DaemonSet's internal `spec.templateGeneration`. */
export const DAEMONSET_TEMPLATE_GENERATION = 'deprecated.daemonset.template.generation';

const templateGeneration = (obj: KubeObject): number => {
  const v = Number(obj.metadata.annotations?.[DAEMONSET_TEMPLATE_GENERATION]);
  return Number.isInteger(v) ? v : 0;
};
const withTemplateGeneration = (obj: KubeObject, n: number): KubeObject => ({
  ...obj,
  metadata: { ...obj.metadata, annotations: { ...obj.metadata.annotations, [DAEMONSET_TEMPLATE_GENERATION]: String(n) } },
});

/**
 * Kubernetes 1.32's daemonSetStrategy: the template generation starts at 1
 * (or what the client sent, if higher), a client cannot change it, and every
 * change of `spec.template` adds one. The DaemonSet controller labels its
 * pods with it (`pod-template-generation`).
 */
function daemonSet(info: KindInfo): KindStrategy {
  const base = generic(info);
  return {
    ...base,
    // apps/v1 conversion always writes the annotation (0 when unset), so the field manager sees it: the creator owns it.
    decode: (obj) => withTemplateGeneration(obj, templateGeneration(obj)),
    prepareForCreate: (obj, now) => {
      const created = base.prepareForCreate(obj, now);
      return withTemplateGeneration(created, Math.max(1, templateGeneration(created)));
    },
    prepareForUpdate: (current, next) => {
      const spec = (o: KubeObject): { template?: unknown } => (o['spec'] as { template?: unknown } | undefined) ?? {};
      const changed = !deepEqual(spec(current).template, spec(next).template);
      return withTemplateGeneration(next, templateGeneration(current) + (changed ? 1 : 0));
    },
  };
}

export function strategyFor(info: KindInfo): KindStrategy {
  if (info.group === 'apps' && info.kind === 'DaemonSet' && !info.custom) return daemonSet(info);
  if (info.group === '' && info.kind === 'Node') return node(info);
  if (info.group === 'batch' && info.kind === 'Job' && !info.custom) return job(info);
  if (info.group === '' && info.kind === 'Pod') return pod(info);
  if (info.group === '' && info.kind === 'Namespace') return namespace(info);
  if (info.group === '' && info.kind === 'PersistentVolumeClaim') return persistentVolumeClaim(info);
  if (info.group === '' && info.kind === 'PersistentVolume') return persistentVolume(info);
  return generic(info);
}
