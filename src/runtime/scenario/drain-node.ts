/**
 * `kubectl drain NODE` in virtual time, as kubectl 1.32's drain helper does
 * it (staging/src/k8s.io/kubectl/pkg/drain):
 * 1. cordon: `spec.unschedulable: true` (skipped when already cordoned);
 * 2. the node's pods (all namespaces, by namespace/name), filtered in
 *    kubectl's order — DaemonSet pods (an error unless `ignoreDaemonSets`,
 *    then skipped with "ignoring DaemonSet-managed Pods"; finished ones
 *    are evicted), mirror pods (skipped), pods with emptyDir volumes (an
 *    error unless `deleteEmptyDirData`), pods with no controller (an error
 *    unless `force`). Any error stops the drain before an eviction;
 * 3. every remaining pod evicted at once through `pods/NAME/eviction`; a
 *    429 (a PodDisruptionBudget refusing) is retried every 5 s, a 404 means
 *    done, anything else fails that pod; an evicted pod is polled every
 *    second until it is gone (or replaced by a pod with another uid);
 * 4. `timeoutMs` (kubectl's `--timeout`, 0 or absent: no limit) bounds the
 *    whole drain: "global timeout reached".
 *
 * Each attempt runs as its own action on the run's scheduler, so the drain
 * takes virtual time while the controllers and kubelets go on. Do not await
 * the returned promise inside a tracked action (the scheduler would wait for
 * it before running the actions it waits on); call `drainNode` from a
 * scheduled step and let the promise settle on its own.
 *
 * The evictions are the requests of `ctx.actor`: granted ones are written
 * with that actor; refused ones leave no trace in the history (a user's
 * refused request never does) and are reported through `warn` and the
 * result, as kubectl prints them.
 *
 * @example
 * const result = drainNode(api, 'node-1', { actor: 'user:scenario' }, { scheduler, timeoutMs: 300_000, ignoreDaemonSets: true });
 */
import type { Api } from '../../api/index.js';
import type { KubeObject, RequestContext } from '../../model/index.js';
import { asStatus, isNotFound } from '../../model/index.js';

/** What drain needs of the run's scheduler (SimScheduler provides it). */
export interface DrainScheduler {
  now(): number;
  schedule(work: () => void, delay?: number): unknown;
  track<T>(p: Promise<T>): Promise<T>;
}

export interface DrainOptions {
  readonly scheduler: DrainScheduler;
  /** `--timeout`, ms; 0 or absent waits forever. */
  readonly timeoutMs?: number;
  readonly ignoreDaemonSets?: boolean;
  readonly deleteEmptyDirData?: boolean;
  readonly force?: boolean;
  /** `--grace-period` for the evictions (absent: each pod's own). */
  readonly gracePeriodSeconds?: number;
  /** Called with each line kubectl prints on stderr (refusals, warnings, errors). */
  readonly warn?: (line: string) => void;
}

export interface DrainResult {
  /** True when every pod to evict is gone ("node/NAME drained"). */
  readonly drained: boolean;
  /** `namespace/name` of the pods evicted and gone, in the order they went. */
  readonly evicted: readonly string[];
  /** What kubectl prints on stdout and stderr, in order. */
  readonly output: readonly string[];
  /** The errors that failed the drain (kubectl's exit status 1). */
  readonly errors: readonly string[];
  /** Refusals retried (429s), one per attempt. */
  readonly refusals: number;
  /** Virtual time when the drain ended. */
  readonly endedAt: number;
}

export const EVICTION_RETRY_MS = 5000;
export const DELETE_POLL_MS = 1000;

const NODES = { group: '', version: 'v1', resource: 'nodes' } as const;
const PODS = { group: '', version: 'v1', resource: 'pods' } as const;

/** Go's `time.Duration` String() for whole milliseconds: `5m0s`, `30s`, `1h2m3s`, `1.5s`. */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  return `${h > 0 ? `${h}h` : ''}${h > 0 || m > 0 ? `${m}m` : ''}${s}s`;
}

interface Selected {
  readonly pods: KubeObject[];
  readonly errors: string[];
  readonly warnings: string[];
}

const phase = (p: KubeObject): string => (p['status'] as { phase?: string } | undefined)?.phase ?? '';
const finished = (p: KubeObject): boolean => phase(p) === 'Succeeded' || phase(p) === 'Failed';
const controller = (p: KubeObject) => p.metadata.ownerReferences?.find((r) => r.controller === true);
const nsName = (p: KubeObject): string => `${p.metadata.namespace ?? ''}/${p.metadata.name ?? ''}`;

type Verdict = { readonly delete: boolean; readonly kind: 'okay' | 'skip' | 'warning' | 'error'; readonly message?: string };

/** kubectl's filters, in order; the first that keeps a pod decides. */
function verdict(api: Api, pod: KubeObject, o: DrainOptions): Verdict {
  const ref = controller(pod);
  if (ref?.kind === 'DaemonSet' && !finished(pod)) {
    let exists = true;
    try {
      api.get({ group: 'apps', version: 'v1', resource: 'daemonsets', namespace: pod.metadata.namespace ?? '', name: ref.name });
    } catch (e) {
      if (!isNotFound(e)) throw e;
      exists = false;
    }
    const missing = `daemonsets.apps "${ref.name}" not found`;
    if (!exists) return o.force === true ? { delete: true, kind: 'warning', message: missing } : { delete: false, kind: 'error', message: missing };
    if (o.ignoreDaemonSets !== true) return { delete: false, kind: 'error', message: 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)' };
    return { delete: false, kind: 'warning', message: 'ignoring DaemonSet-managed Pods' };
  }
  if (pod.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined) return { delete: false, kind: 'skip' };
  const volumes = (pod['spec'] as { volumes?: { emptyDir?: unknown }[] } | undefined)?.volumes ?? [];
  if (volumes.some((vol) => vol.emptyDir !== undefined) && !finished(pod) && o.deleteEmptyDirData !== true) {
    return { delete: false, kind: 'error', message: 'Pods with local storage (use --delete-emptydir-data to override)' };
  }
  // The local-storage warning is dropped here, as kubectl keeps only the last filter's verdict.
  if (finished(pod) || ref !== undefined) return { delete: true, kind: 'okay' };
  if (o.force === true) return { delete: true, kind: 'warning', message: 'deleting Pods that declare no controller' };
  return { delete: false, kind: 'error', message: 'cannot delete Pods that declare no controller (use --force to override)' };
}

/** Groups `namespace/name` by message, in first-seen order (kubectl uses a map; sorted here for determinism). */
function grouped(entries: readonly (readonly [string, string])[], format: (msg: string, pods: string) => string): string[] {
  const by = new Map<string, string[]>();
  for (const [msg, pod] of entries) by.set(msg, [...(by.get(msg) ?? []), pod]);
  return [...by.keys()].sort().map((msg) => format(msg, (by.get(msg) ?? []).join(', ')));
}

function podsForDeletion(api: Api, node: string, o: DrainOptions): Selected {
  const onNode = api.list(PODS).items.filter((p) => (p['spec'] as { nodeName?: string } | undefined)?.nodeName === node);
  const pods: KubeObject[] = [];
  const errs: [string, string][] = [];
  const warns: [string, string][] = [];
  for (const pod of onNode) {
    const v = verdict(api, pod, o);
    if (v.delete) pods.push(pod);
    if (v.kind === 'error') errs.push([v.message ?? 'unexpected error', nsName(pod)]);
    if (v.kind === 'warning') warns.push([v.message ?? '', nsName(pod)]);
  }
  const errors = grouped(errs, (msg, list) => (msg.toLowerCase().startsWith('cannot delete') ? `${msg}: ${list}` : `cannot delete ${msg}: ${list}`));
  const warnings = grouped(warns, (msg, list) => `${msg}: ${list}`);
  return { pods, errors, warnings };
}

/** Sets `spec.unschedulable` as `kubectl cordon` / `uncordon` do; answers whether it changed. */
export async function cordonNode(api: Api, node: string, ctx: RequestContext, unschedulable = true): Promise<boolean> {
  const current = api.get({ ...NODES, name: node });
  if (((current['spec'] as { unschedulable?: boolean } | undefined)?.unschedulable === true) === unschedulable) return false;
  await api.patch({ ...NODES, name: node }, 'strategic', { spec: { unschedulable: unschedulable ? true : null } }, ctx);
  return true;
}

export function drainNode(api: Api, node: string, ctx: RequestContext, o: DrainOptions): Promise<DrainResult> {
  const s = o.scheduler;
  const output: string[] = [];
  const errors: string[] = [];
  const evicted: string[] = [];
  let refusals = 0;
  const err = (line: string): void => {
    output.push(line);
    o.warn?.(line);
  };
  const timeout = o.timeoutMs ?? 0;
  const deadline = timeout > 0 ? s.now() + timeout : Number.POSITIVE_INFINITY;
  const later = (delay: number, work: () => Promise<void>): void => void s.schedule(() => void s.track(work()), delay);

  return new Promise<DrainResult>((resolve) => {
    let remaining = 0;
    const finish = (): void => {
      const drained = errors.length === 0;
      if (drained) output.push(`node/${node} drained`);
      else err(`error: unable to drain node "${node}" due to error: ${errors.join(', ')}, continuing command...`);
      resolve({ drained, evicted, output, errors, refusals, endedAt: s.now() });
    };
    const podDone = (): void => {
      remaining--;
      if (remaining === 0) finish();
    };
    const waitGone = (pod: KubeObject): Promise<void> => {
      const gone = (): boolean => {
        try {
          return api.get({ ...PODS, namespace: pod.metadata.namespace ?? '', name: pod.metadata.name ?? '' }).metadata.uid !== pod.metadata.uid;
        } catch (e) {
          if (isNotFound(e)) return true;
          throw e;
        }
      };
      if (gone()) {
        output.push(`pod/${pod.metadata.name ?? ''} evicted`);
        evicted.push(nsName(pod));
        podDone();
      } else if (s.now() >= deadline) {
        errors.push(`error when waiting for pod "${pod.metadata.name ?? ''}" in namespace "${pod.metadata.namespace ?? ''}" to terminate: global timeout reached: ${goDuration(timeout)}`);
        podDone();
      } else {
        later(DELETE_POLL_MS, () => waitGone(pod));
      }
      return Promise.resolve();
    };
    const attempt = async (pod: KubeObject): Promise<void> => {
      const name = pod.metadata.name ?? '';
      const ns = pod.metadata.namespace ?? '';
      output.push(`evicting pod ${ns}/${name}`);
      if (s.now() >= deadline) {
        errors.push(`error when evicting pods/"${name}" -n "${ns}": global timeout reached: ${goDuration(timeout)}`);
        podDone();
        return;
      }
      const body = {
        apiVersion: 'policy/v1',
        kind: 'Eviction',
        metadata: { name, namespace: ns },
        ...(o.gracePeriodSeconds === undefined ? {} : { deleteOptions: { gracePeriodSeconds: o.gracePeriodSeconds } }),
      };
      try {
        await api.create({ ...PODS, namespace: ns, name, subresource: 'eviction' }, body, ctx);
      } catch (e) {
        const st = asStatus(e);
        if (st === undefined) throw e;
        if (st.reason === 'NotFound') {
          podDone();
          return;
        }
        if (st.reason === 'TooManyRequests') {
          refusals++;
          err(`error when evicting pods/"${name}" -n "${ns}" (will retry after 5s): ${st.message}`);
          later(EVICTION_RETRY_MS, () => attempt(pod));
          return;
        }
        errors.push(`error when evicting pods/"${name}" -n "${ns}": ${st.message}`);
        podDone();
        return;
      }
      await waitGone(pod);
    };

    later(0, async () => {
      output.push((await cordonNode(api, node, ctx)) ? `node/${node} cordoned` : `node/${node} already cordoned`);
      const selected = podsForDeletion(api, node, o);
      if (selected.errors.length > 0) {
        errors.push(...selected.errors);
        err(`error: unable to drain node "${node}" due to error: ${selected.errors.join(', ')}, continuing command...`);
        resolve({ drained: false, evicted, output, errors, refusals, endedAt: s.now() });
        return;
      }
      if (selected.warnings.length > 0) err(`Warning: ${selected.warnings.join('; ')}`);
      remaining = selected.pods.length;
      if (remaining === 0) {
        finish();
        return;
      }
      for (const pod of selected.pods) await attempt(pod);
    });
  });
}
