/**
 * Pod spec validation (Kubernetes' `ValidatePodSpec`, the parts a control
 * plane simulation meets): containers and init containers (names, images,
 * ports, resources with requests ≤ limits), volumes and mounts,
 * restartPolicy, dnsPolicy, tolerations, node selector, grace periods.
 * Used for Pods and for every pod template.
 */
import type { StatusCause } from '../status.js';
import { validateLabels } from '../labels/label-selector.js';
import { compareQuantities, formatQuantity, parseQuantity, type Quantity } from '../quantity.js';
import { arr, deepEqual, isInt, isObj, obj, str, type Obj } from './access.js';
import {
  child,
  duplicate,
  forbidden,
  index,
  invalidValue,
  key,
  notFound,
  notSupported,
  required,
} from './field-errors.js';
import { isDns1123Label, isDns1123Subdomain, isQualifiedName, isValidPortName, isValidPortNum } from './identifiers.js';

export const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'] as const;
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const STANDARD_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage', 'storage', 'pods']);

export const nonNegative = (path: string, v: unknown): StatusCause[] =>
  v === undefined || v === null ? [] : isInt(v) && v >= 0 ? [] : [invalidValue(path, v, 'must be greater than or equal to 0')];

export const positive = (path: string, v: unknown): StatusCause[] =>
  v === undefined || v === null ? [] : isInt(v) && v > 0 ? [] : [invalidValue(path, v, 'must be greater than 0')];

/** Parses a resource map; reports malformed and negative quantities. */
function resourceList(list: unknown, path: string, out: StatusCause[]): Map<string, Quantity> {
  const parsed = new Map<string, Quantity>();
  if (!isObj(list)) return parsed;
  for (const name of Object.keys(list).sort()) {
    const p = key(path, name);
    if (!STANDARD_RESOURCES.has(name) && !name.startsWith('hugepages-') && !name.includes('/')) {
      out.push(invalidValue(p, name, 'must be a standard resource type or fully qualified'));
    } else if (name.includes('/')) {
      out.push(...isQualifiedName(name).map((m) => invalidValue(p, name, m)));
    }
    const raw = list[name];
    try {
      const q = parseQuantity(raw as string | number);
      if (q.nanos < 0n) out.push(invalidValue(p, formatQuantity(q), 'must be greater than or equal to 0'));
      parsed.set(name, q);
    } catch (e) {
      out.push(invalidValue(p, raw, (e as Error).message));
    }
  }
  return parsed;
}

export function validateResources(res: unknown, path: string): StatusCause[] {
  const out: StatusCause[] = [];
  const r = obj(res);
  const limits = resourceList(r.limits, child(path, 'limits'), out);
  const requests = resourceList(r.requests, child(path, 'requests'), out);
  for (const [name, req] of [...requests.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const lim = limits.get(name);
    if (lim !== undefined && compareQuantities(req, lim) > 0) {
      out.push(
        invalidValue(key(child(path, 'requests'), name), formatQuantity(req), `must be less than or equal to ${name} limit of ${formatQuantity(lim)}`),
      );
    }
  }
  return out;
}

function validatePorts(ports: unknown, path: string, hostNetwork: boolean): StatusCause[] {
  const out: StatusCause[] = [];
  const names = new Set<string>();
  arr(ports).forEach((raw, i) => {
    const p = index(path, i);
    const port = obj(raw);
    const name = str(port.name);
    if (name !== '') {
      out.push(...isValidPortName(name).map((m) => invalidValue(child(p, 'name'), name, m)));
      if (names.has(name)) out.push(duplicate(child(p, 'name'), name));
      names.add(name);
    }
    if (port.containerPort === undefined || port.containerPort === 0) out.push(required(child(p, 'containerPort')));
    else out.push(...(isInt(port.containerPort) ? isValidPortNum(port.containerPort) : ['must be an integer']).map((m) => invalidValue(child(p, 'containerPort'), port.containerPort, m)));
    if (hostNetwork && port.hostPort !== undefined && port.hostPort !== port.containerPort) {
      out.push(invalidValue(child(p, 'hostPort'), port.hostPort, 'must match `containerPort` when `hostNetwork` is true'));
    } else if (port.hostPort !== undefined && port.hostPort !== 0) {
      out.push(...(isInt(port.hostPort) ? isValidPortNum(port.hostPort) : ['must be an integer']).map((m) => invalidValue(child(p, 'hostPort'), port.hostPort, m)));
    }
    if (port.protocol === undefined || port.protocol === '') out.push(required(child(p, 'protocol')));
    else if (!PROTOCOLS.includes(str(port.protocol))) out.push(notSupported(child(p, 'protocol'), port.protocol, PROTOCOLS));
  });
  return out;
}

function validateContainers(
  list: unknown,
  path: string,
  volumes: Set<string>,
  seen: Set<string>,
  requireSome: boolean,
  hostNetwork: boolean,
): StatusCause[] {
  const out: StatusCause[] = [];
  const containers = arr(list);
  if (requireSome && containers.length === 0) return [required(path)];
  containers.forEach((raw, i) => {
    const p = index(path, i);
    const c: Obj = obj(raw);
    const name = str(c.name);
    if (name === '') out.push(required(child(p, 'name')));
    else {
      out.push(...isDns1123Label(name).map((m) => invalidValue(child(p, 'name'), name, m)));
      if (seen.has(name)) out.push(duplicate(child(p, 'name'), name));
      seen.add(name);
    }
    const image = str(c.image);
    if (image === '') out.push(required(child(p, 'image')));
    else if (image.trim() !== image) out.push(invalidValue(child(p, 'image'), image, 'must not have leading or trailing whitespace'));
    if (c.imagePullPolicy !== undefined && !PULL_POLICIES.includes(str(c.imagePullPolicy))) {
      out.push(notSupported(child(p, 'imagePullPolicy'), c.imagePullPolicy, PULL_POLICIES));
    }
    out.push(...validatePorts(c.ports, child(p, 'ports'), hostNetwork));
    out.push(...validateResources(c.resources, child(p, 'resources')));
    arr(c.env).forEach((e, j) => {
      if (str(obj(e).name) === '') out.push(required(child(index(child(p, 'env'), j), 'name')));
    });
    const mountPaths = new Set<string>();
    arr(c.volumeMounts).forEach((m, j) => {
      const mp = index(child(p, 'volumeMounts'), j);
      const mount = obj(m);
      const vname = str(mount.name);
      if (vname === '') out.push(required(child(mp, 'name')));
      else if (!volumes.has(vname)) out.push(notFound(child(mp, 'name'), vname));
      const mpath = str(mount.mountPath);
      if (mpath === '') out.push(required(child(mp, 'mountPath')));
      else if (mountPaths.has(mpath)) out.push(invalidValue(child(mp, 'mountPath'), mpath, 'must be unique'));
      mountPaths.add(mpath);
    });
  });
  return out;
}

export function validateTolerations(list: unknown, path: string): StatusCause[] {
  const out: StatusCause[] = [];
  arr(list).forEach((raw, i) => {
    const p = index(path, i);
    const t = obj(raw);
    const k = str(t.key);
    const op = t.operator === undefined || t.operator === '' ? 'Equal' : str(t.operator);
    if (k !== '') out.push(...isQualifiedName(k).map((m) => invalidValue(child(p, 'key'), k, m)));
    if (k === '' && op !== 'Exists') {
      out.push(invalidValue(child(p, 'operator'), op, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && t.effect !== 'NoExecute') {
      out.push(invalidValue(child(p, 'effect'), t.effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (op === 'Equal') {
      const v = str(t.value);
      if (v !== '') out.push(...validateLabels({ [k === '' ? 'k' : k]: v }, child(p, 'value')).filter((c) => c.message.includes(JSON.stringify(v))));
    } else if (op === 'Exists') {
      if (str(t.value) !== '') out.push(invalidValue(child(p, 'operator'), t, "value must be empty when `operator` is 'Exists'"));
    } else {
      out.push(notSupported(child(p, 'operator'), op, ['Equal', 'Exists']));
    }
    if (t.effect !== undefined && t.effect !== '' && !TAINT_EFFECTS.includes(str(t.effect))) {
      out.push(notSupported(child(p, 'effect'), t.effect, TAINT_EFFECTS));
    }
  });
  return out;
}

function validateVolumes(list: unknown, path: string, out: StatusCause[]): Set<string> {
  const names = new Set<string>();
  arr(list).forEach((raw, i) => {
    const p = index(path, i);
    const v = obj(raw);
    const name = str(v.name);
    if (name === '') out.push(required(child(p, 'name')));
    else {
      out.push(...isDns1123Label(name).map((m) => invalidValue(child(p, 'name'), name, m)));
      if (names.has(name)) out.push(duplicate(child(p, 'name'), name));
    }
    names.add(name);
    const sources = Object.keys(v).filter((k) => k !== 'name' && v[k] !== undefined && v[k] !== null);
    if (sources.length === 0) out.push(required(p, 'must specify a volume type'));
    else if (sources.length > 1) out.push(forbidden(child(p, sources[1] as string), 'may not specify more than 1 volume type'));
  });
  return names;
}

/** `ValidatePodSpec`. `path` is `spec` for a Pod, `spec.template.spec` for a template. */
export function validatePodSpec(spec: unknown, path: string): StatusCause[] {
  const s = obj(spec);
  const out: StatusCause[] = [];
  const volumes = validateVolumes(s.volumes, child(path, 'volumes'), out);
  const seen = new Set<string>();
  const hostNetwork = s.hostNetwork === true;
  out.push(...validateContainers(s.containers, child(path, 'containers'), volumes, seen, true, hostNetwork));
  out.push(...validateContainers(s.initContainers, child(path, 'initContainers'), volumes, seen, false, hostNetwork));
  const rp = s.restartPolicy;
  if (rp === undefined || rp === '') out.push(required(child(path, 'restartPolicy')));
  else if (!(RESTART_POLICIES as readonly string[]).includes(str(rp))) out.push(notSupported(child(path, 'restartPolicy'), rp, RESTART_POLICIES));
  const dp = s.dnsPolicy;
  if (dp === undefined || dp === '') out.push(required(child(path, 'dnsPolicy')));
  else if (!DNS_POLICIES.includes(str(dp))) out.push(notSupported(child(path, 'dnsPolicy'), dp, DNS_POLICIES));
  out.push(...validateLabels(s.nodeSelector, child(path, 'nodeSelector')));
  out.push(...validateTolerations(s.tolerations, child(path, 'tolerations')));
  out.push(...nonNegative(child(path, 'terminationGracePeriodSeconds'), s.terminationGracePeriodSeconds));
  out.push(...positive(child(path, 'activeDeadlineSeconds'), s.activeDeadlineSeconds));
  for (const f of ['serviceAccountName', 'nodeName'] as const) {
    const v = str(s[f]);
    if (v !== '') out.push(...isDns1123Subdomain(v).map((m) => invalidValue(child(path, f), v, m)));
  }
  const hostname = str(s.hostname);
  if (hostname !== '') out.push(...isDns1123Label(hostname).map((m) => invalidValue(child(path, 'hostname'), hostname, m)));
  return out;
}

/**
 * Pod spec updates: everything but container images, activeDeadlineSeconds,
 * added tolerations and a negative grace period raised to 1 is immutable.
 * One Forbidden cause on `spec`, as Kubernetes reports it.
 */
export const POD_UPDATE_FORBIDDEN =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

export function validatePodSpecUpdate(oldSpec: unknown, newSpec: unknown): StatusCause[] {
  const o = obj(oldSpec);
  const n = obj(newSpec);
  const mutable = (s: Obj, other: Obj): Obj => {
    const copy: Obj = { ...s };
    for (const f of ['containers', 'initContainers'] as const) {
      if (!Array.isArray(s[f])) continue;
      const others = arr(other[f]);
      copy[f] = arr(s[f]).map((c, i) => ({ ...obj(c), image: obj(others[i]).image }));
    }
    copy.activeDeadlineSeconds = other.activeDeadlineSeconds;
    const oldTol = arr(o.tolerations);
    const newTol = arr(n.tolerations);
    // Only additions: the old tolerations must be a prefix-free subset of the new ones.
    if (oldTol.every((t) => newTol.some((u) => deepEqual(t, u)))) copy.tolerations = other.tolerations;
    const oldGrace = o.terminationGracePeriodSeconds;
    if (typeof oldGrace === 'number' && oldGrace < 0 && n.terminationGracePeriodSeconds === 1) copy.terminationGracePeriodSeconds = other.terminationGracePeriodSeconds;
    return copy;
  };
  if (oldSpec === undefined) return [];
  if (!deepEqual(mutable(n, o), o)) return [forbidden('spec', POD_UPDATE_FORBIDDEN)];
  const out: StatusCause[] = [];
  const oldAds = o.activeDeadlineSeconds;
  if (isInt(oldAds) && (n.activeDeadlineSeconds === undefined || (isInt(n.activeDeadlineSeconds) && n.activeDeadlineSeconds > oldAds))) {
    out.push(invalidValue('spec.activeDeadlineSeconds', n.activeDeadlineSeconds ?? null, 'must be less than or equal to previous value'));
  }
  return out;
}
