/**
 * Validation of the controllers that own pod templates: Deployment,
 * ReplicaSet, ReplicationController, DaemonSet, StatefulSet (apps/v1 and
 * core/v1), with Kubernetes' messages: selector required and matching the
 * template labels, replicas ≥ 0, rolling-update bounds
 * (`may not be 0 when \`maxSurge\` is 0`), and the immutable selector.
 */
import type { StatusCause } from '../status.js';
import { fromLabelSelector, isEmptyLabelSelector, validateLabelSelector, validateLabels } from '../labels/label-selector.js';
import { isEverything, matches, selectorFromSet } from '../labels/selector.js';
import { arr, deepEqual, has, isInt, isObj, obj, str, type Obj } from './access.js';
import { child, forbidden, immutable, invalidValue, notSupported, required } from './field-errors.js';
import { isValidPercent } from './identifiers.js';
import { validateObjectMeta } from './object-meta.js';
import { nonNegative, validatePodSpec } from './pod.js';

/**
 * The pod template of a controller: labels, metadata, spec, and which restart
 * policies it allows. `podSpec: false` skips the pod spec (a StatefulSet's
 * template mounts volumes its claim templates provide, so Kubernetes 1.32's
 * `ValidatePodTemplateSpecForStatefulSet` leaves the spec unchecked but for
 * the restart policy and `activeDeadlineSeconds`).
 */
export function validatePodTemplate(template: unknown, path: string, restartPolicies: readonly string[], podSpec = true): StatusCause[] {
  if (!isObj(template)) return [required(path)];
  const t = obj(template);
  const meta = obj(t.metadata);
  const out: StatusCause[] = [];
  out.push(...validateLabels(meta.labels, child(path, 'metadata', 'labels')));
  out.push(
    ...validateObjectMeta({ ...meta, name: 'x' }, { namespaced: false, nameRule: 'subdomain' }, child(path, 'metadata')).filter(
      (c) => !c.field?.endsWith('.labels') && !c.field?.endsWith('.namespace'),
    ),
  );
  if (podSpec) out.push(...validatePodSpec(t.spec, child(path, 'spec')));
  else if (obj(t.spec).activeDeadlineSeconds !== undefined) {
    out.push(forbidden(child(path, 'spec', 'activeDeadlineSeconds'), 'activeDeadlineSeconds in StatefulSet is not Supported'));
  }
  const rp = obj(t.spec).restartPolicy;
  if (typeof rp === 'string' && rp !== '' && !restartPolicies.includes(rp)) {
    const i = out.findIndex((c) => c.field === child(path, 'spec', 'restartPolicy'));
    if (i < 0) out.push(notSupported(child(path, 'spec', 'restartPolicy'), rp, restartPolicies));
  }
  return out;
}

/** Selector required, valid, non-empty, and matching the template's labels. */
export function validateSelectorAndTemplate(spec: Obj, kindWord: string, path: string, restartPolicies: readonly string[] = ['Always'], podSpec = true): StatusCause[] {
  const out: StatusCause[] = [];
  const selPath = child(path, 'selector');
  if (!isObj(spec.selector)) out.push(required(selPath));
  else {
    out.push(...validateLabelSelector(spec.selector, selPath));
    if (isEmptyLabelSelector(spec.selector)) out.push(invalidValue(selPath, spec.selector, `empty selector is invalid for ${kindWord}`));
  }
  out.push(...validatePodTemplate(spec.template, child(path, 'template'), restartPolicies, podSpec));
  if (isObj(spec.selector) && isObj(spec.template) && !out.some((c) => c.field?.startsWith(selPath))) {
    const sel = fromLabelSelector(spec.selector);
    const labels = obj(obj(obj(spec.template).metadata).labels) as Record<string, string>;
    if (!isEverything(sel) && !matches(sel, labels)) {
      out.push(invalidValue(child(path, 'template', 'metadata', 'labels'), labels, '`selector` does not match template `labels`'));
    }
  }
  return out;
}

const intOrPercentValue = (v: unknown): number | undefined =>
  isInt(v) ? v : typeof v === 'string' && /^[0-9]+%$/.test(v) ? Number(v.slice(0, -1)) : undefined;

function intOrPercent(v: unknown, path: string): StatusCause[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') return isValidPercent(v).map((m) => invalidValue(path, v, m));
  if (isInt(v)) return nonNegative(path, v);
  return [invalidValue(path, v, 'must be an integer or percentage (e.g \'5%\')')];
}

function notMoreThan100Percent(v: unknown, path: string): StatusCause[] {
  return typeof v === 'string' && /^[0-9]+%$/.test(v) && Number(v.slice(0, -1)) > 100 ? [invalidValue(path, v, 'must not be greater than 100%')] : [];
}

function validateRollingUpdate(ru: Obj, path: string, zeroMessage: string): StatusCause[] {
  const out: StatusCause[] = [];
  out.push(...intOrPercent(ru.maxUnavailable, child(path, 'maxUnavailable')));
  out.push(...intOrPercent(ru.maxSurge, child(path, 'maxSurge')));
  if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge ?? 0) === 0) {
    out.push(invalidValue(child(path, 'maxUnavailable'), ru.maxUnavailable, zeroMessage));
  }
  out.push(...notMoreThan100Percent(ru.maxUnavailable, child(path, 'maxUnavailable')));
  return out;
}

export function validateDeploymentSpec(spec: unknown, path = 'spec'): StatusCause[] {
  const s = obj(spec);
  const out: StatusCause[] = [...nonNegative(child(path, 'replicas'), s.replicas)];
  out.push(...validateSelectorAndTemplate(s, 'deployment', path));
  const strategy = obj(s.strategy);
  const sp = child(path, 'strategy');
  const type = strategy.type;
  if (type === 'Recreate') {
    if (has(strategy, 'rollingUpdate')) out.push(forbidden(child(sp, 'rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'"));
  } else if (type === 'RollingUpdate') {
    if (isObj(strategy.rollingUpdate)) out.push(...validateRollingUpdate(strategy.rollingUpdate, child(sp, 'rollingUpdate'), 'may not be 0 when `maxSurge` is 0'));
  } else if (type === undefined || type === '') {
    out.push(required(child(sp, 'type')));
  } else {
    out.push(notSupported(child(sp, 'type'), type, ['Recreate', 'RollingUpdate']));
  }
  out.push(...nonNegative(child(path, 'minReadySeconds'), s.minReadySeconds));
  out.push(...nonNegative(child(path, 'revisionHistoryLimit'), s.revisionHistoryLimit));
  if (s.progressDeadlineSeconds !== undefined) {
    out.push(...nonNegative(child(path, 'progressDeadlineSeconds'), s.progressDeadlineSeconds));
    if (isInt(s.progressDeadlineSeconds) && s.progressDeadlineSeconds <= (isInt(s.minReadySeconds) ? s.minReadySeconds : 0)) {
      out.push(invalidValue(child(path, 'progressDeadlineSeconds'), s.progressDeadlineSeconds, 'must be greater than minReadySeconds'));
    }
  }
  return out;
}

export function validateReplicaSetSpec(spec: unknown, path = 'spec'): StatusCause[] {
  const s = obj(spec);
  return [
    ...nonNegative(child(path, 'replicas'), s.replicas),
    ...nonNegative(child(path, 'minReadySeconds'), s.minReadySeconds),
    // Kubernetes' ReplicaSet validation says "for deployment" here too.
    ...validateSelectorAndTemplate(s, 'deployment', path),
  ];
}

/** core/v1 ReplicationController: the selector is a plain map (defaulted from the template labels). */
export function validateReplicationControllerSpec(spec: unknown, path = 'spec'): StatusCause[] {
  const s = obj(spec);
  const out: StatusCause[] = [...nonNegative(child(path, 'replicas'), s.replicas), ...nonNegative(child(path, 'minReadySeconds'), s.minReadySeconds)];
  const selPath = child(path, 'selector');
  const selector = obj(s.selector) as Record<string, string>;
  if (Object.keys(selector).length === 0) out.push(required(selPath));
  else out.push(...validateLabels(selector, selPath));
  out.push(...validatePodTemplate(s.template, child(path, 'template'), ['Always']));
  if (isObj(s.template) && Object.keys(selector).length > 0) {
    const labels = obj(obj(s.template.metadata).labels) as Record<string, string>;
    if (!matches(selectorFromSet(selector), labels)) {
      out.push(invalidValue(child(path, 'template', 'metadata', 'labels'), labels, '`selector` does not match template `labels`'));
    }
  }
  return out;
}

export function validateDaemonSetSpec(spec: unknown, path = 'spec'): StatusCause[] {
  const s = obj(spec);
  const out: StatusCause[] = [...validateSelectorAndTemplate(s, 'daemonset', path)];
  const us = obj(s.updateStrategy);
  const up = child(path, 'updateStrategy');
  if (us.type === 'RollingUpdate') {
    if (isObj(us.rollingUpdate)) out.push(...validateRollingUpdate(us.rollingUpdate, child(up, 'rollingUpdate'), 'cannot be 0 when maxSurge is 0'));
  } else if (us.type === 'OnDelete') {
    if (has(us, 'rollingUpdate')) out.push(forbidden(child(up, 'rollingUpdate'), "may not be specified when strategy `type` is 'OnDelete'"));
  } else if (us.type === undefined || us.type === '') out.push(required(child(up, 'type')));
  else out.push(notSupported(child(up, 'type'), us.type, ['OnDelete', 'RollingUpdate']));
  out.push(...nonNegative(child(path, 'minReadySeconds'), s.minReadySeconds));
  out.push(...nonNegative(child(path, 'revisionHistoryLimit'), s.revisionHistoryLimit));
  return out;
}

export function validateStatefulSetSpec(spec: unknown, path = 'spec'): StatusCause[] {
  const s = obj(spec);
  const out: StatusCause[] = [];
  const pmp = s.podManagementPolicy;
  if (pmp === undefined || pmp === '') out.push(required(child(path, 'podManagementPolicy')));
  else if (pmp !== 'OrderedReady' && pmp !== 'Parallel') out.push(notSupported(child(path, 'podManagementPolicy'), pmp, ['OrderedReady', 'Parallel']));
  const us = obj(s.updateStrategy);
  const up = child(path, 'updateStrategy');
  if (us.type === 'RollingUpdate') {
    const ru = obj(us.rollingUpdate);
    out.push(...nonNegative(child(up, 'rollingUpdate', 'partition'), ru.partition));
  } else if (us.type === 'OnDelete') {
    if (has(us, 'rollingUpdate')) out.push(invalidValue(child(up, 'rollingUpdate'), us.rollingUpdate, 'only allowed for updateStrategy \'RollingUpdate\''));
  } else if (us.type === undefined || us.type === '') out.push(required(child(up, 'type')));
  else out.push(notSupported(child(up, 'type'), us.type, ['OnDelete', 'RollingUpdate']));
  out.push(...nonNegative(child(path, 'replicas'), s.replicas));
  out.push(...nonNegative(child(path, 'minReadySeconds'), s.minReadySeconds));
  out.push(...nonNegative(child(path, 'revisionHistoryLimit'), s.revisionHistoryLimit));
  out.push(...validateSelectorAndTemplate(s, 'statefulset', path, ['Always'], false));
  arr(s.volumeClaimTemplates).forEach((t, i) => {
    const name = str(obj(obj(t).metadata).name);
    if (name === '') out.push(required(child(`${child(path, 'volumeClaimTemplates')}[${i}]`, 'metadata', 'name')));
  });
  return out;
}

/** The selector of an apps/v1 controller never changes. */
export function validateSelectorImmutable(oldObj: Obj, newObj: Obj): StatusCause[] {
  const o = obj(oldObj.spec).selector;
  const n = obj(newObj.spec).selector;
  return deepEqual(o, n) ? [] : [immutable('spec.selector', n ?? null)];
}

const STS_MUTABLE = ['replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds'];

export function validateStatefulSetUpdate(oldObj: Obj, newObj: Obj): StatusCause[] {
  const strip = (s: unknown): Obj => {
    const copy: Obj = { ...obj(s) };
    for (const f of STS_MUTABLE) delete copy[f];
    return copy;
  };
  return deepEqual(strip(oldObj.spec), strip(newObj.spec))
    ? []
    : [
        forbidden(
          'spec',
          "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
        ),
      ];
}
