/**
 * Scheme defaults of 1.32 for the controllers with pod templates:
 * Deployment, ReplicaSet, ReplicationController, DaemonSet, StatefulSet,
 * Job and CronJob. Mutate the copy they are given.
 */
import { ensureObj, isObj, objects, setDefault, type Obj } from './defaults-util.js';
import { defaultPodTemplate } from './pod-defaults.js';

export function defaultDeployment(d: Obj): void {
  const spec = ensureObj(d, 'spec');
  setDefault(spec, 'replicas', 1);
  const strategy = ensureObj(spec, 'strategy');
  setDefault(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') {
    const ru = ensureObj(strategy, 'rollingUpdate');
    setDefault(ru, 'maxUnavailable', '25%');
    setDefault(ru, 'maxSurge', '25%');
  }
  setDefault(spec, 'revisionHistoryLimit', 10);
  setDefault(spec, 'progressDeadlineSeconds', 600);
  defaultPodTemplate(spec.template);
}

export function defaultReplicaSet(rs: Obj): void {
  const spec = ensureObj(rs, 'spec');
  setDefault(spec, 'replicas', 1);
  defaultPodTemplate(spec.template);
}

/** core/v1: the selector, and the object's labels, default to the template's labels. */
export function defaultReplicationController(rc: Obj): void {
  const spec = ensureObj(rc, 'spec');
  const labels = isObj(spec.template) && isObj(spec.template.metadata) ? spec.template.metadata.labels : undefined;
  if (isObj(labels)) {
    if (!isObj(spec.selector) || Object.keys(spec.selector).length === 0) spec.selector = { ...labels };
    const meta = ensureObj(rc, 'metadata');
    if (!isObj(meta.labels) || Object.keys(meta.labels).length === 0) meta.labels = { ...labels };
  }
  setDefault(spec, 'replicas', 1);
  defaultPodTemplate(spec.template);
}

export function defaultDaemonSet(ds: Obj): void {
  const spec = ensureObj(ds, 'spec');
  const us = ensureObj(spec, 'updateStrategy');
  setDefault(us, 'type', 'RollingUpdate');
  if (us.type === 'RollingUpdate') {
    const ru = ensureObj(us, 'rollingUpdate');
    setDefault(ru, 'maxUnavailable', 1);
    setDefault(ru, 'maxSurge', 0);
  }
  setDefault(spec, 'revisionHistoryLimit', 10);
  defaultPodTemplate(spec.template);
}

export function defaultPersistentVolumeClaimObject(pvc: Obj): void {
  const spec = ensureObj(pvc, 'spec');
  setDefault(spec, 'volumeMode', 'Filesystem');
  setDefault(ensureObj(pvc, 'status'), 'phase', 'Pending');
}

export function defaultStatefulSet(sts: Obj): void {
  const spec = ensureObj(sts, 'spec');
  setDefault(spec, 'podManagementPolicy', 'OrderedReady');
  const us = ensureObj(spec, 'updateStrategy');
  setDefault(us, 'type', 'RollingUpdate');
  if (us.type === 'RollingUpdate') setDefault(ensureObj(us, 'rollingUpdate'), 'partition', 0);
  setDefault(spec, 'replicas', 1);
  setDefault(spec, 'revisionHistoryLimit', 10);
  const retention = ensureObj(spec, 'persistentVolumeClaimRetentionPolicy');
  setDefault(retention, 'whenDeleted', 'Retain');
  setDefault(retention, 'whenScaled', 'Retain');
  for (const t of objects(spec, 'volumeClaimTemplates')) defaultPersistentVolumeClaimObject(t);
  defaultPodTemplate(spec.template);
}

export function defaultJob(job: Obj): void {
  const spec = ensureObj(job, 'spec');
  if (spec.completions == null && spec.parallelism == null) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  setDefault(spec, 'parallelism', 1);
  setDefault(spec, 'backoffLimit', spec.backoffLimitPerIndex != null ? 2147483647 : 6);
  const labels = isObj(spec.template) && isObj(spec.template.metadata) ? spec.template.metadata.labels : undefined;
  const meta = ensureObj(job, 'metadata');
  if (isObj(labels) && (!isObj(meta.labels) || Object.keys(meta.labels).length === 0)) meta.labels = { ...labels };
  setDefault(spec, 'completionMode', 'NonIndexed');
  setDefault(spec, 'suspend', false);
  if (isObj(spec.podFailurePolicy)) {
    for (const rule of objects(spec.podFailurePolicy, 'rules')) for (const c of objects(rule, 'onPodConditions')) setDefault(c, 'status', 'True');
  }
  setDefault(spec, 'podReplacementPolicy', isObj(spec.podFailurePolicy) ? 'Failed' : 'TerminatingOrFailed');
  defaultPodTemplate(spec.template);
}

/** Only the pod template inside `jobTemplate` is defaulted: Job-level defaults apply when a Job is created from it. */
export function defaultCronJob(cj: Obj): void {
  const spec = ensureObj(cj, 'spec');
  setDefault(spec, 'concurrencyPolicy', 'Allow');
  setDefault(spec, 'suspend', false);
  setDefault(spec, 'successfulJobsHistoryLimit', 3);
  setDefault(spec, 'failedJobsHistoryLimit', 1);
  if (isObj(spec.jobTemplate) && isObj(spec.jobTemplate.spec)) defaultPodTemplate(spec.jobTemplate.spec.template);
}

/**
 * What the Job strategy does on create unless `manualSelector` is true
 * (not a scheme default, but the API needs it before validation): select
 * on the Job's uid and label the template with it and the Job's name.
 */
export function generateJobSelector(job: Obj, uid: string): void {
  const spec = ensureObj(job, 'spec');
  if (spec.manualSelector === true) return;
  const name = isObj(job.metadata) && typeof job.metadata.name === 'string' ? job.metadata.name : '';
  const template = ensureObj(spec, 'template');
  const tmeta = ensureObj(template, 'metadata');
  const labels = ensureObj(tmeta, 'labels');
  const add: Obj = {
    'batch.kubernetes.io/controller-uid': uid,
    'batch.kubernetes.io/job-name': name,
    'controller-uid': uid,
    'job-name': name,
  };
  for (const k of Object.keys(add)) setDefault(labels, k, add[k]);
  const selector = ensureObj(spec, 'selector');
  setDefault(ensureObj(selector, 'matchLabels'), 'batch.kubernetes.io/controller-uid', uid);
}
