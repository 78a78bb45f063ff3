/**
 * Why a pod cannot start because of its configuration, as facts for
 * `whynot`: every volume whose SetUp fails and every container whose
 * environment cannot be resolved against `view`, each with the kubelet's
 * own message and the object it waits for. Pure; it reads only the view.
 *
 * @example
 * for (const p of podConfigProblems(view, pod)) console.log(`${p.where}: ${p.message}`);
 * // volume "config": configmap "settings" not found
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { StateView } from '../../store/index.js';
import { resolveEnvironment } from './container-environment.js';
import { mountVolume } from './volume-mount.js';

export interface ConfigProblem {
  /** `volume "NAME"` or `container "NAME"`. */
  readonly where: string;
  /** `FailedMount` (the pod stays ContainerCreating) or `CreateContainerConfigError`. */
  readonly reason: 'FailedMount' | 'CreateContainerConfigError';
  /** The kubelet's message, e.g. `couldn't find key K in ConfigMap ns/name`. */
  readonly message: string;
  /** The ConfigMap or Secret it waits for, when the message names one. */
  readonly waitsFor?: { readonly kind: 'ConfigMap' | 'Secret'; readonly namespace: string; readonly name: string; readonly key?: string };
}

function waitsFor(message: string, namespace: string): ConfigProblem['waitsFor'] {
  const missing = /^(configmap|secret) "([^"]+)" not found$/.exec(message);
  if (missing !== null) return { kind: missing[1] === 'configmap' ? 'ConfigMap' : 'Secret', namespace, name: missing[2] ?? '' };
  const key = /^couldn't find key (.*) in (ConfigMap|Secret) ([^/]+)\/(.+)$/.exec(message);
  if (key !== null) return { kind: key[2] === 'ConfigMap' ? 'ConfigMap' : 'Secret', namespace: key[3] ?? namespace, name: key[4] ?? '', key: key[1] ?? '' };
  return undefined;
}

/** The configuration problems that keep `pod` (or some of its containers) from starting, volumes first. */
export function podConfigProblems(view: StateView, pod: Pod): ConfigProblem[] {
  const ns = pod.metadata?.namespace ?? '';
  const out: ConfigProblem[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    const m = mountVolume(view, pod, v);
    if (m.ok) continue;
    const w = waitsFor(m.message, ns);
    out.push({ where: `volume "${v.name}"`, reason: 'FailedMount', message: m.message, ...(w === undefined ? {} : { waitsFor: w }) });
  }
  for (const c of pod.spec?.containers ?? []) {
    const r = resolveEnvironment(view, pod, c);
    if (r.ok) continue;
    const w = waitsFor(r.message, ns);
    out.push({ where: `container "${c.name}"`, reason: 'CreateContainerConfigError', message: r.message, ...(w === undefined ? {} : { waitsFor: w }) });
  }
  return out;
}
