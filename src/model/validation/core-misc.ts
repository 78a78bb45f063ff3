/**
 * Validation of the smaller core/v1 and cluster kinds: Namespace, Node,
 * ConfigMap, Secret (keys, 1 MiB size, type-specific keys, `immutable`),
 * PersistentVolume, PersistentVolumeClaim, Event, Lease and
 * HorizontalPodAutoscaler.
 */
import type { StatusCause } from '../status.js';
import { compareQuantities, parseQuantity } from '../quantity.js';
import { arr, deepEqual, has, isInt, isObj, obj, str, utf8Length, type Obj } from './access.js';
import { child, forbidden, index, invalidValue, key, notSupported, required, tooLong } from './field-errors.js';
import { isConfigMapKey, isQualifiedName } from './identifiers.js';
import { nonNegative, validateResources } from './pod.js';

export const MAX_SECRET_SIZE = 1024 * 1024;

export function validateNamespace(ns: Obj): StatusCause[] {
  const out: StatusCause[] = [];
  arr(obj(ns.spec).finalizers).forEach((f, i) => {
    const v = str(f);
    const p = index('spec.finalizers', i);
    if (!v.includes('/') && v !== 'kubernetes') out.push(invalidValue(p, v, 'name is neither a standard finalizer name nor is it fully qualified'));
    else out.push(...isQualifiedName(v).map((m) => invalidValue(p, v, m)));
  });
  return out;
}

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export function validateNode(node: Obj): StatusCause[] {
  const out: StatusCause[] = [];
  const spec = obj(node.spec);
  const seen = new Set<string>();
  arr(spec.taints).forEach((t, i) => {
    const p = index('spec.taints', i);
    const taint = obj(t);
    const k = str(taint.key);
    if (k === '') out.push(required(child(p, 'key')));
    else out.push(...isQualifiedName(k).map((m) => invalidValue(child(p, 'key'), k, m)));
    const effect = str(taint.effect);
    if (effect === '') out.push(required(child(p, 'effect')));
    else if (!TAINT_EFFECTS.includes(effect)) out.push(notSupported(child(p, 'effect'), effect, TAINT_EFFECTS));
    const id = `${k}:${effect}`;
    if (seen.has(id)) out.push(invalidValue(p, k, `taints must be unique by key and effect pair`));
    seen.add(id);
  });
  if (spec.unschedulable !== undefined && typeof spec.unschedulable !== 'boolean') out.push(invalidValue('spec.unschedulable', spec.unschedulable, 'must be a boolean'));
  return out;
}

function dataKeys(map: unknown, path: string, out: StatusCause[]): string[] {
  if (!isObj(map)) return [];
  const keys = Object.keys(map).sort();
  for (const k of keys) out.push(...isConfigMapKey(k).map((m) => invalidValue(key(path, k), k, m)));
  return keys;
}

export function validateConfigMap(cm: Obj): StatusCause[] {
  const out: StatusCause[] = [];
  const data = obj(cm.data);
  const bin = obj(cm.binaryData);
  let total = 0;
  for (const k of dataKeys(cm.data, 'data', out)) total += utf8Length(str(data[k]));
  for (const k of dataKeys(cm.binaryData, 'binaryData', out)) {
    if (k in data) out.push(invalidValue(key('binaryData', k), k, 'duplicate of key present in data'));
    total += Buffer.from(str(bin[k]), 'base64').length;
  }
  if (total > MAX_SECRET_SIZE) out.push(tooLong('', MAX_SECRET_SIZE));
  return out;
}

const SECRET_REQUIRED_KEYS: Readonly<Record<string, readonly string[]>> = {
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
};

export function validateSecret(secret: Obj): StatusCause[] {
  const out: StatusCause[] = [];
  const data = obj(secret.data);
  let total = 0;
  for (const k of dataKeys(secret.data, 'data', out)) total += Buffer.from(str(data[k]), 'base64').length;
  const type = str(secret.type);
  if (type === 'kubernetes.io/service-account-token') {
    if (str(obj(obj(secret.metadata).annotations)['kubernetes.io/service-account.name']) === '') {
      out.push(required(key('metadata.annotations', 'kubernetes.io/service-account.name')));
    }
  }
  for (const k of SECRET_REQUIRED_KEYS[type] ?? []) if (!(k in data)) out.push(required(key('data', k)));
  if (type === 'kubernetes.io/basic-auth' && !('username' in data) && !('password' in data)) {
    out.push(required(key('data', 'username')), required(key('data', 'password')));
  }
  if (total > MAX_SECRET_SIZE) out.push(tooLong('data', MAX_SECRET_SIZE));
  return out;
}

/** ConfigMap and Secret updates: nothing changes once `immutable: true`; a Secret's type never changes. */
export function validateImmutableDataUpdate(oldObj: Obj, newObj: Obj, isSecret: boolean): StatusCause[] {
  const out: StatusCause[] = [];
  if (isSecret && !deepEqual(oldObj.type ?? 'Opaque', newObj.type ?? 'Opaque')) out.push(invalidValue('type', newObj.type ?? '', 'field is immutable'));
  if (oldObj.immutable === true) {
    if (newObj.immutable !== true) out.push(forbidden('immutable', 'field is immutable when `immutable` is set'));
    if (!deepEqual(oldObj.data, newObj.data)) out.push(forbidden('data', 'field is immutable when `immutable` is set'));
    if (!isSecret && !deepEqual(oldObj.binaryData, newObj.binaryData)) out.push(forbidden('binaryData', 'field is immutable when `immutable` is set'));
  }
  return out;
}

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const PV_NON_SOURCE = new Set([
  'accessModes',
  'capacity',
  'claimRef',
  'persistentVolumeReclaimPolicy',
  'storageClassName',
  'mountOptions',
  'volumeMode',
  'nodeAffinity',
  'volumeAttributesClassName',
]);

function accessModes(modes: unknown, path: string, out: StatusCause[]): void {
  const list = arr(modes);
  if (list.length === 0) out.push(required(path, ''));
  list.forEach((m) => {
    if (!ACCESS_MODES.includes(str(m))) out.push(notSupported(path, m, ACCESS_MODES));
  });
  if (list.includes('ReadWriteOncePod') && list.length > 1) out.push(forbidden(path, 'may not use ReadWriteOncePod with other access modes'));
}

export function validatePersistentVolume(pv: Obj): StatusCause[] {
  const out: StatusCause[] = [];
  const spec = obj(pv.spec);
  accessModes(spec.accessModes, 'spec.accessModes', out);
  const cap = spec.capacity;
  if (!isObj(cap) || Object.keys(cap).length === 0) out.push(required('spec.capacity'));
  else {
    const keys = Object.keys(cap).sort();
    if (!('storage' in cap) || keys.length > 1) out.push(notSupported('spec.capacity', keys.join(','), ['storage']));
    out.push(...validateResources({ requests: cap }, 'spec').map((c) => ({ ...c, ...(c.field === undefined ? {} : { field: c.field.replace('spec.requests', 'spec.capacity') }) })));
  }
  const rp = spec.persistentVolumeReclaimPolicy;
  if (rp !== undefined && !['Delete', 'Recycle', 'Retain'].includes(str(rp))) out.push(notSupported('spec.persistentVolumeReclaimPolicy', rp, ['Delete', 'Recycle', 'Retain']));
  const vm = spec.volumeMode;
  if (vm !== undefined && vm !== 'Block' && vm !== 'Filesystem') out.push(notSupported('spec.volumeMode', vm, ['Block', 'Filesystem']));
  const sources = Object.keys(spec).filter((k) => !PV_NON_SOURCE.has(k) && has(spec, k));
  if (sources.length === 0) out.push(required('spec', 'must specify a volume type'));
  else if (sources.length > 1) out.push(forbidden(`spec.${sources[1] as string}`, 'may not specify more than 1 volume type'));
  return out;
}

export function validatePersistentVolumeClaim(pvc: Obj, path = 'spec'): StatusCause[] {
  const out: StatusCause[] = [];
  const spec = obj(pvc.spec);
  const modes = arr(spec.accessModes);
  if (modes.length === 0) out.push(required(child(path, 'accessModes'), 'at least 1 access mode is required'));
  else accessModes(modes, child(path, 'accessModes'), out);
  const requests = obj(obj(spec.resources).requests);
  const storagePath = key(child(path, 'resources'), 'storage');
  if (!('storage' in requests)) out.push(required(storagePath));
  else {
    out.push(...validateResources(spec.resources, child(path, 'resources')));
    try {
      if (parseQuantity(requests.storage as string).nanos <= 0n) out.push(invalidValue(storagePath, requests.storage, 'must be greater than zero'));
    } catch {
      /* reported by validateResources */
    }
  }
  const vm = spec.volumeMode;
  if (vm !== undefined && vm !== 'Block' && vm !== 'Filesystem') out.push(notSupported(child(path, 'volumeMode'), vm, ['Block', 'Filesystem']));
  return out;
}

/** A claim's spec is frozen after creation, but for growing its storage request and binding a volume. */
export function validatePersistentVolumeClaimUpdate(oldObj: Obj, newObj: Obj): StatusCause[] {
  const o = obj(oldObj.spec);
  const n = obj(newObj.spec);
  const strip = (s: Obj, other: Obj): Obj => {
    const copy: Obj = { ...s, resources: { ...obj(s.resources), requests: obj(obj(other.resources).requests) } };
    if (str(o.volumeName) === '') copy.volumeName = other.volumeName;
    // A class-less claim may be given the default class later (Kubernetes' RetroactiveDefaultStorageClass).
    if (o.storageClassName == null && obj(obj(oldObj.metadata).annotations)['volume.beta.kubernetes.io/storage-class'] === undefined) copy.storageClassName = other.storageClassName;
    return copy;
  };
  const out: StatusCause[] = [];
  if (!deepEqual(strip(n, o), o)) out.push(forbidden('spec', 'spec is immutable after creation except resources.requests for bound claims'));
  const before = obj(obj(o.resources).requests).storage;
  const after = obj(obj(n.resources).requests).storage;
  try {
    if (before !== undefined && after !== undefined && compareQuantities(parseQuantity(after as string), parseQuantity(before as string)) < 0) {
      out.push(forbidden('spec.resources.requests.storage', 'field can not be less than previous value'));
    }
  } catch {
    /* malformed quantities are reported by create-time validation */
  }
  return out;
}

export function validateEvent(ev: Obj): StatusCause[] {
  const out: StatusCause[] = [];
  const io = obj(ev.involvedObject);
  const ns = str(obj(ev.metadata).namespace);
  if (str(io.namespace) !== '' && str(io.namespace) !== ns) out.push(invalidValue('involvedObject.namespace', io.namespace, 'does not match event.namespace'));
  if (ev.type !== undefined && ev.type !== 'Normal' && ev.type !== 'Warning') out.push(notSupported('type', ev.type, ['Normal', 'Warning']));
  return out;
}

export function validateLease(lease: Obj): StatusCause[] {
  const s = obj(lease.spec);
  const out: StatusCause[] = [];
  if (s.leaseDurationSeconds !== undefined && s.leaseDurationSeconds !== null && !(isInt(s.leaseDurationSeconds) && s.leaseDurationSeconds > 0)) {
    out.push(invalidValue('spec.leaseDurationSeconds', s.leaseDurationSeconds, 'must be greater than 0'));
  }
  out.push(...nonNegative('spec.leaseTransitions', s.leaseTransitions));
  return out;
}

export function validateHorizontalPodAutoscaler(hpa: Obj, version: string): StatusCause[] {
  const s = obj(hpa.spec);
  const out: StatusCause[] = [];
  const ref = obj(s.scaleTargetRef);
  if (str(ref.kind) === '') out.push(required('spec.scaleTargetRef.kind'));
  if (str(ref.name) === '') out.push(required('spec.scaleTargetRef.name'));
  const min = s.minReplicas;
  if (min !== undefined && min !== null && !(isInt(min) && min >= 1)) out.push(invalidValue('spec.minReplicas', min, 'must be greater than or equal to 1'));
  const max = s.maxReplicas;
  if (!isInt(max) || max < 1) out.push(invalidValue('spec.maxReplicas', max ?? 0, 'must be greater than 0'));
  else if (isInt(min) && max < min) out.push(invalidValue('spec.maxReplicas', max, 'must be greater than or equal to `minReplicas`'));
  if (version === 'v1') {
    const t = s.targetCPUUtilizationPercentage;
    if (t !== undefined && t !== null && !(isInt(t) && t >= 1)) out.push(invalidValue('spec.targetCPUUtilizationPercentage', t, 'must be greater than or equal to 1'));
  } else {
    const types = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];
    arr(s.metrics).forEach((m, i) => {
      const t = obj(m).type;
      if (!types.includes(str(t))) out.push(notSupported(child(index('spec.metrics', i), 'type'), t ?? '', types));
    });
  }
  return out;
}
