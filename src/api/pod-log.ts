/**
 * The `log` subresource of a pod: the simulated container's log lines,
 * derived only from what the history recorded about the container — each
 * version of the pod's status (a start, a readiness change, an exit with its
 * code, a restart) and the kubelet's `Killing` events — so the same history
 * always gives the same log. Each line is stamped with the run's clock time
 * of the write that revealed it, and lines come in revision order, so a
 * follower that re-derives at a later head only ever sees lines appended.
 *
 * Containers are told apart by instance (`restartCount`): the current
 * instance is the newest that ever started; `previous` is the one before it
 * (or, while the container waits in a back-off, the one that exited). Errors
 * are Kubernetes' own (1.32 `pod/strategy.go` LogLocation and the kubelet's
 * log handler), all 400 BadRequest:
 * - `a container name must be specified for pod p, choose one of: [a b]`
 * - `container c is not valid for pod p`
 * - `container "c" in pod "p" is waiting to start: ContainerCreating`
 * - `previous terminated container "c" in pod "p" not found`
 * A pod without a node has no log yet: an empty answer, as kube-apiserver gives.
 *
 * @example
 * const log = podLog(api.deps, api.get(podsTarget), { container: 'web', tailLines: 10 });
 * for (const line of log.lines) out.write(formatLogLine(line, true));
 */
import type { KubeObject } from '../model/index.js';
import { badRequest, invalid, objectKey } from '../model/index.js';
import type { Store } from '../store/index.js';

export interface PodLogOptions {
  readonly container?: string;
  readonly previous?: boolean;
  /** Only the last N lines. */
  readonly tailLines?: number;
  /** Only lines at or after this Unix ms time (sinceSeconds / sinceTime, resolved by the caller). */
  readonly sinceMs?: number;
  /** Cut the answer after this many bytes (of formatted lines). */
  readonly limitBytes?: number;
}

export interface LogLine {
  /** Unix ms on the run's clock. */
  readonly time: number;
  /** The revision whose write revealed the line. */
  readonly rev: number;
  readonly text: string;
}

export interface PodLog {
  readonly container: string;
  /** The container instance (its restartCount when it started). */
  readonly instance: number;
  readonly lines: readonly LogLine[];
  /** The instance has terminated (or the pod is gone): no line will ever be added. */
  readonly ended: boolean;
}

/** What the derivation reads: the store and the history's epoch. */
export interface PodLogDeps {
  readonly store: Store;
  readonly epoch: number;
}

interface Instance {
  readonly restart: number;
  readonly lines: LogLine[];
  running: boolean;
  ended: boolean;
  ready: boolean;
}

interface ContainerStatusLike {
  readonly name?: string;
  readonly image?: string;
  readonly ready?: boolean;
  readonly restartCount?: number;
  readonly state?: StateLike;
  readonly lastState?: StateLike;
}
interface StateLike {
  readonly running?: { readonly startedAt?: string };
  readonly waiting?: { readonly reason?: string; readonly message?: string };
  readonly terminated?: { readonly exitCode?: number; readonly reason?: string; readonly signal?: number; readonly finishedAt?: string };
}

/** Validates the request against the pod (Kubernetes' 400s) and derives the chosen instance's lines. */
export function podLog(deps: PodLogDeps, pod: KubeObject, opts: PodLogOptions = {}): PodLog {
  const name = pod.metadata.name ?? '';
  validate(name, opts);
  const container = containerOf(pod, opts.container);
  const spec = (pod['spec'] ?? {}) as { nodeName?: string };
  if (spec.nodeName === undefined || spec.nodeName === '') return { container, instance: 0, lines: [], ended: false };
  const instances = deriveInstances(deps, pod, container);
  const status = statusOf(pod, container);
  const last = instances[instances.length - 1];
  let chosen: Instance | undefined;
  if (opts.previous === true) {
    const waitingAfterExit = status?.state?.waiting !== undefined && last?.ended === true;
    chosen = waitingAfterExit ? last : instances[instances.length - 2];
    if (chosen === undefined || !chosen.ended) throw badRequest(`previous terminated container "${container}" in pod "${name}" not found`);
  } else {
    chosen = last;
    if (chosen === undefined) {
      const reason = status?.state?.waiting?.reason ?? 'ContainerCreating';
      throw badRequest(`container "${container}" in pod "${name}" is waiting to start: ${reason}`);
    }
  }
  return { container, instance: chosen.restart, lines: select(chosen.lines, opts), ended: chosen.ended };
}

/** One line as the kubelet serves it: `TIMESTAMP ` (RFC 3339 with nanoseconds) when asked, the text, a newline. */
export function formatLogLine(line: LogLine, timestamps: boolean): string {
  if (!timestamps) return `${line.text}\n`;
  return `${new Date(line.time).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z')} ${line.text}\n`;
}

function validate(name: string, opts: PodLogOptions): void {
  const causes = [];
  if (opts.tailLines !== undefined && opts.tailLines < 0) {
    causes.push({ reason: 'FieldValueInvalid', field: 'tailLines', message: `Invalid value: ${opts.tailLines}: must be greater than or equal to 0` });
  }
  if (opts.limitBytes !== undefined && opts.limitBytes < 1) {
    causes.push({ reason: 'FieldValueInvalid', field: 'limitBytes', message: `Invalid value: ${opts.limitBytes}: must be greater than 0` });
  }
  if (causes.length > 0) throw invalid('PodLogOptions', '', name, causes);
}

function names(list: unknown): string[] {
  return Array.isArray(list) ? list.map((c) => String((c as { name?: unknown }).name ?? '')) : [];
}

function containerOf(pod: KubeObject, asked: string | undefined): string {
  const name = pod.metadata.name ?? '';
  const spec = (pod['spec'] ?? {}) as { containers?: unknown; initContainers?: unknown; ephemeralContainers?: unknown };
  const main = names(spec.containers);
  const init = names(spec.initContainers);
  const ephemeral = names(spec.ephemeralContainers);
  if (asked === undefined || asked === '') {
    if (main.length === 1) return main[0] as string;
    if (main.length === 0) throw badRequest(`a container name must be specified for pod ${name}`);
    let msg = `a container name must be specified for pod ${name}, choose one of: [${main.join(' ')}]`;
    if (init.length > 0) msg += ` or one of the init containers: [${init.join(' ')}]`;
    if (ephemeral.length > 0) msg += ` or one of the ephemeral containers: [${ephemeral.join(' ')}]`;
    throw badRequest(msg);
  }
  if (![...main, ...init, ...ephemeral].includes(asked)) throw badRequest(`container ${asked} is not valid for pod ${name}`);
  return asked;
}

function statusOf(pod: KubeObject, container: string): ContainerStatusLike | undefined {
  const st = (pod['status'] ?? {}) as Record<string, unknown>;
  for (const field of ['containerStatuses', 'initContainerStatuses', 'ephemeralContainerStatuses']) {
    const list = st[field];
    if (!Array.isArray(list)) continue;
    const found = (list as ContainerStatusLike[]).find((c) => c.name === container);
    if (found !== undefined) return found;
  }
  return undefined;
}

function select(lines: readonly LogLine[], opts: PodLogOptions): LogLine[] {
  let out = opts.sinceMs === undefined ? lines.slice() : lines.filter((l) => l.time >= (opts.sinceMs as number));
  if (opts.tailLines !== undefined) out = opts.tailLines === 0 ? [] : out.slice(-opts.tailLines);
  return out;
}

/** Every instance of `container` in this pod (same uid), in start order, with its lines. */
function deriveInstances(deps: PodLogDeps, pod: KubeObject, container: string): Instance[] {
  const key = objectKey({ group: '', resource: 'pods', namespace: pod.metadata.namespace ?? '', name: pod.metadata.name ?? '' });
  const uid = pod.metadata.uid;
  const happenings: { rev: number; apply: (at: LogLine['time'], rev: number) => void }[] = [];
  const instances: Instance[] = [];
  const current = (): Instance | undefined => instances[instances.length - 1];
  const line = (inst: Instance, time: number, rev: number, text: string): void => void inst.lines.push({ time, rev, text });
  const end = (inst: Instance, time: number, rev: number, t: NonNullable<StateLike['terminated']>): void => {
    if (inst.ended) return;
    inst.ended = true;
    inst.running = false;
    const signal = t.signal === undefined ? '' : `, signal ${t.signal}`;
    line(inst, time, rev, `chronokube: container ${container} exited with code ${t.exitCode ?? 0} (${t.reason ?? 'Error'}${signal})`);
  };

  for (const rev of deps.store.versions(key)) {
    const obj = deps.store.at(rev).get(key);
    if (obj === undefined || obj.metadata.uid !== uid) continue;
    const cs = statusOf(obj, container);
    if (cs === undefined) continue;
    happenings.push({
      rev,
      apply: (time) => {
        const restart = cs.restartCount ?? 0;
        const inst = current();
        const running = cs.state?.running;
        if (running !== undefined && (inst === undefined || inst.restart !== restart || inst.ended)) {
          if (inst !== undefined && !inst.ended && cs.lastState?.terminated !== undefined) end(inst, time, rev, cs.lastState.terminated);
          const started: Instance = { restart, lines: [], running: true, ended: false, ready: false };
          instances.push(started);
          line(started, time, rev, `chronokube: container ${container} started (image ${cs.image ?? ''}, restart ${restart})`);
        }
        const now = current();
        if (now === undefined || now.ended) return;
        const exit = cs.state?.terminated ?? (cs.state?.waiting !== undefined ? cs.lastState?.terminated : undefined);
        if (running === undefined && exit !== undefined) {
          end(now, time, rev, exit);
          return;
        }
        const ready = cs.ready === true;
        if (running !== undefined && ready !== now.ready) {
          now.ready = ready;
          line(now, time, rev, ready ? `chronokube: container ${container} is ready` : `chronokube: container ${container} is not ready`);
        }
      },
    });
  }
  for (const ev of killingEvents(deps, pod, container)) {
    happenings.push({
      rev: ev.rev,
      apply: (time) => {
        const inst = current();
        if (inst !== undefined && !inst.ended) line(inst, time, ev.rev, `chronokube: received SIGTERM (${ev.message})`);
      },
    });
  }
  happenings.sort((a, b) => a.rev - b.rev);
  for (const h of happenings) {
    const rec = deps.store.write(h.rev);
    h.apply(deps.epoch + (rec?.time ?? 0), h.rev);
  }
  return instances;
}

/** Each occurrence (each version) of the kubelet's Killing events for this container of this pod. */
function killingEvents(deps: PodLogDeps, pod: KubeObject, container: string): { rev: number; message: string }[] {
  const namespace = pod.metadata.namespace ?? '';
  const out: { rev: number; message: string }[] = [];
  for (const ev of deps.store.head().list({ group: '', resource: 'events', namespace })) {
    const involved = ev['involvedObject'] as { uid?: string; fieldPath?: string } | undefined;
    if (involved?.uid !== pod.metadata.uid || ev['reason'] !== 'Killing') continue;
    const message = String(ev['message'] ?? '');
    const forThis = involved?.fieldPath === `spec.containers{${container}}` || message.endsWith(` container ${container}`);
    if (!forThis) continue;
    const key = objectKey({ group: '', resource: 'events', namespace, name: ev.metadata.name ?? '' });
    for (const rev of deps.store.versions(key)) {
      const version = deps.store.at(rev).get(key);
      if ((version?.['involvedObject'] as { uid?: string } | undefined)?.uid === pod.metadata.uid) out.push({ rev, message });
    }
  }
  return out;
}
