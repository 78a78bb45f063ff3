/**
 * The Events the kubelet records for a container's life (1.32 wording,
 * pkg/kubelet/events and kuberuntime): Pulling, Pulled, Created, Started,
 * BackOff, Killing — one per transition, deduplicated within a reconcile
 * (two containers of one image pull it once).
 */
import type { Container } from 'kubernetes-types/core/v1.js';
import type { Command, KubeObject } from '../../model/index.js';
import { assertNever, objectKey } from '../../model/index.js';
import type { StateView } from '../../store/index.js';
import type { ReconcileContext } from '../controller.js';
import type { EventSpec } from '../events.js';
import { eventName, recordEvent } from '../events.js';
import type { Happening } from './container-timeline.js';
import { imageSize } from './ids.js';
import { goDuration } from './times.js';

export type Spec = Omit<EventSpec, 'object' | 'component' | 'host'>;

function podRef(pod: KubeObject): string {
  const m = pod.metadata;
  return `${m.name ?? ''}_${m.namespace ?? ''}(${m.uid ?? ''})`;
}

function pulled(c: Container, pullMs: number): Spec[] {
  const image = c.image ?? '';
  const d = goDuration(pullMs);
  return [
    { type: 'Normal', reason: 'Pulling', message: `Pulling image "${image}"` },
    { type: 'Normal', reason: 'Pulled', message: `Successfully pulled image "${image}" in ${d} (${d} including waiting). Image size: ${imageSize(image)} bytes.` },
  ];
}

/**
 * The image events of one attempt to start `c`: a pull (Pulling, Pulled in
 * `pullMs`) when the policy asks for one, else "already present". The image
 * is on the node after the first attempt (`imagePresent`), so only `Always`
 * pulls again.
 */
export function imageEvents(c: Container, pullMs: number, imagePresent: boolean): Spec[] {
  const policy = c.imagePullPolicy ?? 'IfNotPresent';
  const pull = imagePresent ? policy === 'Always' : policy !== 'Never';
  if (pull) return pulled(c, imagePresent ? 0 : pullMs);
  return [{ type: 'Normal', reason: 'Pulled', message: `Container image "${c.image ?? ''}" already present on machine` }];
}

/** The kubelet's `Failed` event when a container cannot be created (kuberuntime startContainer: "Error: %v"). */
export function failedEvent(message: string): Spec {
  return { type: 'Warning', reason: 'Failed', message: `Error: ${message}` };
}

/** The volume reconciler's event for a failed SetUp (`message` already says which volume). */
export function failedMountEvent(message: string): Spec {
  return { type: 'Warning', reason: 'FailedMount', message };
}

export function invalidEnvNamesEvent(message: string): Spec {
  return { type: 'Warning', reason: 'InvalidEnvironmentVariableNames', message };
}

/** The Event `spec` about `pod` already recorded by this node's kubelet, if any (its count and lastTimestamp pace retries). */
export function recordedEvent(view: StateView, pod: KubeObject, node: string, spec: Spec): KubeObject | undefined {
  const name = eventName({ ...spec, object: pod, component: 'kubelet', host: node });
  return view.get(objectKey({ group: '', resource: 'events', namespace: pod.metadata.namespace ?? 'default', name }));
}

/**
 * The events for what happened to container `c`; `pullMs` is how long the
 * first start took (its start delay); `imagePresent`: an earlier attempt
 * already pulled the image (a start after CreateContainerConfigError).
 */
export function containerEvents(happened: readonly Happening[], c: Container, pod: KubeObject, pullMs: number, imagePresent = false): Spec[] {
  const out: Spec[] = [];
  for (const h of happened) {
    switch (h.kind) {
      case 'started': {
        out.push(...imageEvents(c, pullMs, h.restart || imagePresent));
        out.push({ type: 'Normal', reason: 'Created', message: `Created container: ${c.name}` });
        out.push({ type: 'Normal', reason: 'Started', message: `Started container ${c.name}` });
        break;
      }
      case 'back-off':
        out.push({ type: 'Warning', reason: 'BackOff', message: `Back-off restarting failed container ${c.name} in pod ${podRef(pod)}` });
        break;
      case 'exited':
        break;
      default:
        assertNever(h);
    }
  }
  return out;
}

export function killingEvent(container: string): Spec {
  return { type: 'Normal', reason: 'Killing', message: `Stopping container ${container}` };
}

/** Event commands for `specs` about `pod`, one per distinct event; `onlyNew` skips events already recorded. */
export function eventCommands(
  view: StateView,
  ctx: Pick<ReconcileContext, 'now' | 'epoch'>,
  pod: KubeObject,
  node: string,
  specs: readonly Spec[],
  onlyNew = false,
): Command[] {
  const seen = new Set<string>();
  const out: Command[] = [];
  for (const s of specs) {
    const full: EventSpec = { ...s, object: pod, component: 'kubelet', host: node };
    const name = eventName(full);
    if (seen.has(name)) continue;
    seen.add(name);
    if (onlyNew && view.get(objectKey({ group: '', resource: 'events', namespace: pod.metadata.namespace ?? 'default', name })) !== undefined) continue;
    out.push(recordEvent(view, ctx, full));
  }
  return out;
}
