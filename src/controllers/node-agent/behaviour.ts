/**
 * A container's effective behaviour. Precedence: the World's scenario rule
 * (`world.behaviour`) wins; otherwise the pod's annotations, which apply to
 * every container of the pod:
 *
 * | annotation                     | value                         | meaning                               |
 * | `chronokube.io/start-delay`    | Go duration or seconds ("2s") | ContainerCreating → Running            |
 * | `chronokube.io/ready-after`    | duration                      | Running → Ready                        |
 * | `chronokube.io/never-ready`    | "true"                        | never Ready                            |
 * | `chronokube.io/crash-after`    | duration                      | exits after running this long          |
 * | `chronokube.io/exit-code`      | integer (default 1)           | … with this code                       |
 * | `chronokube.io/complete-after` | duration                      | exits with 0 after running this long   |
 *
 * Otherwise a container starts at once, is ready at once and runs forever.
 * Malformed annotation values are ignored (as the kubelet ignores unknown
 * annotations) rather than failing the pod.
 */
import type { ContainerBehaviour, KubeObject, World } from '../../model/index.js';
import { parseGoDuration } from './times.js';

export const BEHAVIOUR_ANNOTATIONS = {
  startDelay: 'chronokube.io/start-delay',
  readyAfter: 'chronokube.io/ready-after',
  neverReady: 'chronokube.io/never-ready',
  crashAfter: 'chronokube.io/crash-after',
  exitCode: 'chronokube.io/exit-code',
  completeAfter: 'chronokube.io/complete-after',
} as const;

export function annotationBehaviour(annotations: Readonly<Record<string, string>>): ContainerBehaviour {
  const duration = (name: string): number | undefined => {
    const v = annotations[name];
    return v === undefined ? undefined : parseGoDuration(v);
  };
  const out: { -readonly [K in keyof ContainerBehaviour]: ContainerBehaviour[K] } = {};
  const startDelayMs = duration(BEHAVIOUR_ANNOTATIONS.startDelay);
  const readyAfterMs = duration(BEHAVIOUR_ANNOTATIONS.readyAfter);
  const crashAfterMs = duration(BEHAVIOUR_ANNOTATIONS.crashAfter);
  const completeAfterMs = duration(BEHAVIOUR_ANNOTATIONS.completeAfter);
  const exitCode = annotations[BEHAVIOUR_ANNOTATIONS.exitCode];
  if (startDelayMs !== undefined) out.startDelayMs = startDelayMs;
  if (readyAfterMs !== undefined) out.readyAfterMs = readyAfterMs;
  if (crashAfterMs !== undefined) out.crashAfterMs = crashAfterMs;
  if (completeAfterMs !== undefined) out.completeAfterMs = completeAfterMs;
  if (exitCode !== undefined && /^-?\d+$/.test(exitCode.trim())) out.exitCode = Number(exitCode.trim());
  if (annotations[BEHAVIOUR_ANNOTATIONS.neverReady]?.trim().toLowerCase() === 'true') out.neverReady = true;
  return out;
}

/** The behaviour of `container` in `pod`: scenario rule, else annotations, else the default. */
export function behaviourOf(world: World, pod: KubeObject, container: string): ContainerBehaviour {
  const m = pod.metadata;
  const fromWorld = world.behaviour({ namespace: m.namespace ?? '', name: m.name ?? '', labels: m.labels ?? {} }, container);
  return fromWorld ?? annotationBehaviour(m.annotations ?? {});
}
