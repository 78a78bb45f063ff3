/**
 * A container's environment as the 1.32 kubelet builds it when it starts
 * the container (pkg/kubelet/kubelet_pods.go makeEnvironmentVariables):
 *
 * 1. `envFrom` in order: every key of the ConfigMap's `data` / the Secret's
 *    `data` (decoded), prefixed; a later source overrides an earlier one.
 *    A missing source fails the start unless `optional: true`.
 *    (Since 1.30 the kubelet no longer skips keys that are not C
 *    identifiers; only a name the relaxed rule refuses — empty, `=`, or not
 *    printable ASCII — is skipped, with the `InvalidEnvironmentVariableNames`
 *    warning. API validation of ConfigMap/Secret keys makes that rare.)
 * 2. `env` in order, each overriding what came before: `value` with
 *    `$(VAR)` expanded against the variables so far (`$$` escapes; an
 *    unknown reference stays literal); `fieldRef` (name, namespace, uid,
 *    labels, annotations, node name, service account, host and pod IPs);
 *    `configMapKeyRef` / `secretKeyRef` — a missing object gives its
 *    NotFound message, a missing key `couldn't find key K in ConfigMap
 *    ns/name` (`... in Secret ns/name`); `optional: true` skips the
 *    variable instead.
 *
 * 3. The Service variables (service-env.ts) not already set; `$(VAR)`
 *    in step 2 sees them too.
 *
 * A failure is what the kubelet reports as the container's waiting reason
 * `CreateContainerConfigError`. `resourceFieldRef` is resource-field.ts.
 *
 * The environment is fixed when the container starts: to see what a
 * running container has, pass the view at its `startedAt` (see
 * `containerEnvironmentAt`).
 *
 * @example
 * const r = resolveEnvironment(view, pod, pod.spec.containers[0], { podIPs: ['10.244.1.2'] });
 * if (!r.ok) console.log(r.message); // couldn't find key LOG_LEVEL in ConfigMap default/app
 */
import type { Container, EnvVar, ObjectFieldSelector, Pod } from 'kubernetes-types/core/v1.js';
import { podMetadataField } from './pod-metadata-field.js';
import { notFoundMessage, readSource } from './config-sources.js';
import { resourceFieldValue } from './resource-field.js';
import { serviceEnvironment } from './service-env.js';
import type { StateView } from '../../store/index.js';

export type EnvResolution =
  | {
      readonly ok: true;
      /** Name → value, sorted by name. */
      readonly env: Readonly<Record<string, string>>;
      /** `InvalidEnvironmentVariableNames` messages, one per envFrom source with skipped keys. */
      readonly warnings: readonly string[];
    }
  | { readonly ok: false; readonly message: string };

export interface EnvironmentInputs {
  /** The pod's IPs as its sandbox has them (IPv4 first). */
  readonly podIPs?: readonly string[];
  /** The node's IPs (status.hostIP first). */
  readonly hostIPs?: readonly string[];
}

/** KEP-4369's relaxed rule (beta, on, in 1.32): printable ASCII other than `=`, not empty. */
export function isRelaxedEnvVarName(name: string): boolean {
  return name.length > 0 && /^[\x20-\x3c\x3e-\x7e]+$/.test(name);
}

/** Kubernetes' `$(VAR)` expansion (third_party/forked/golang/expansion). */
export function expandVariables(input: string, lookup: (name: string) => string | undefined): string {
  let out = '';
  let i = 0;
  while (i < input.length) {
    const ch = input[i];
    if (ch !== '$' || i + 1 >= input.length) {
      out += ch;
      i++;
      continue;
    }
    const next = input[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
    } else if (next === '(') {
      const close = input.indexOf(')', i + 2);
      if (close < 0) {
        out += input.slice(i);
        break;
      }
      const name = input.slice(i + 2, close);
      out += lookup(name) ?? `$(${name})`;
      i = close + 1;
    } else {
      out += `$${next}`;
      i += 2;
    }
  }
  return out;
}

function fieldValue(sel: ObjectFieldSelector, pod: Pod, inputs: EnvironmentInputs): string | { error: string } {
  const path = sel.fieldPath;
  const meta = podMetadataField(pod, path);
  if (meta !== undefined) return meta;
  switch (path) {
    case 'spec.nodeName':
      return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName ?? '';
    case 'status.hostIP':
      return inputs.hostIPs?.[0] ?? pod.status?.hostIP ?? '';
    case 'status.hostIPs':
      return (inputs.hostIPs ?? (pod.status?.hostIPs ?? []).map((h) => h.ip ?? '')).join(',');
    case 'status.podIP':
      return inputs.podIPs?.[0] ?? pod.status?.podIP ?? '';
    case 'status.podIPs':
      return (inputs.podIPs ?? (pod.status?.podIPs ?? []).map((p) => p.ip)).join(',');
    default:
      return { error: `unsupported fieldPath: ${path}` };
  }
}

/** The environment of `container` in `pod`, resolved against `view`; or why it cannot start. */
export function resolveEnvironment(view: StateView, pod: Pod, container: Container, inputs: EnvironmentInputs = {}): EnvResolution {
  const ns = pod.metadata?.namespace ?? '';
  const env = new Map<string, string>();
  const warnings: string[] = [];
  const services = serviceEnvironment(view, pod);

  for (const from of container.envFrom ?? []) {
    const ref = from.configMapRef ?? from.secretRef;
    if (ref === undefined) continue;
    const kind = from.configMapRef !== undefined ? 'configmap' : 'secret';
    const name = ref.name ?? '';
    const source = readSource(view, kind, ns, name);
    if (source === undefined) {
      if (ref.optional === true) continue;
      return { ok: false, message: notFoundMessage(kind, name) };
    }
    const invalid: string[] = [];
    for (const key of Object.keys(source.data).sort()) {
      const full = (from.prefix ?? '') + key;
      if (!isRelaxedEnvVarName(full)) invalid.push(full);
      else env.set(full, source.data[key] ?? '');
    }
    if (invalid.length > 0) {
      const what = kind === 'configmap' ? 'configMap' : 'secret';
      warnings.push(
        `Keys [${invalid.sort().join(', ')}] from the EnvFrom ${what} ${ns}/${name} were skipped since they are considered invalid environment variable names.`,
      );
    }
  }

  for (const v of container.env ?? []) {
    const resolved = envValue(v, view, pod, ns, (n) => env.get(n) ?? services.get(n), inputs, container.name);
    if (resolved === undefined) continue;
    if (typeof resolved !== 'string') return { ok: false, message: resolved.error };
    env.set(v.name, resolved);
  }

  // Service variables come last and never override a variable of the container's own.
  for (const [k, v] of services) if (!env.has(k)) env.set(k, v);
  const out: Record<string, string> = {};
  for (const k of [...env.keys()].sort()) out[k] = env.get(k) ?? '';
  return { ok: true, env: out, warnings };
}

/** One `env` entry's value; undefined: skipped (an optional source or key is missing). */
function envValue(
  v: EnvVar,
  view: StateView,
  pod: Pod,
  ns: string,
  lookup: (name: string) => string | undefined,
  inputs: EnvironmentInputs,
  container: string,
): string | { error: string } | undefined {
  if (v.value !== undefined && v.value !== '') return expandVariables(v.value, lookup);
  const from = v.valueFrom;
  if (from === undefined) return '';
  if (from.fieldRef !== undefined) return fieldValue(from.fieldRef, pod, inputs);
  if (from.resourceFieldRef !== undefined) return resourceFieldValue(view, pod, from.resourceFieldRef, container);
  const keyRef = from.configMapKeyRef ?? from.secretKeyRef;
  if (keyRef === undefined) return '';
  const kind = from.configMapKeyRef !== undefined ? 'configmap' : 'secret';
  const name = keyRef.name ?? '';
  const source = readSource(view, kind, ns, name);
  if (source === undefined) return keyRef.optional === true ? undefined : { error: notFoundMessage(kind, name) };
  const value = source.data[keyRef.key];
  if (value !== undefined) return value;
  if (keyRef.optional === true) return undefined;
  return { error: `couldn't find key ${keyRef.key} in ${kind === 'configmap' ? 'ConfigMap' : 'Secret'} ${ns}/${name}` };
}
