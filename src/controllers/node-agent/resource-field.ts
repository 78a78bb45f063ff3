/**
 * `env[].valueFrom.resourceFieldRef` as the kubelet resolves it (1.32,
 * pkg/api/v1/resource ExtractContainerResourceValue after
 * defaultPodLimitsForDownwardAPI): a container limit that is not set is the
 * node's allocatable; the value is divided by `divisor` (default 1) and
 * rounded up — CPU in millicores (`limits.cpu` with divisor 1m of 500m is
 * "500", with divisor 1 is "1"), memory and ephemeral storage in bytes.
 */
import type { Node, Pod, ResourceFieldSelector } from 'kubernetes-types/core/v1.js';
import { objectKey, parseQuantity } from '../../model/index.js';
import type { StateView } from '../../store/index.js';

const MILLI = 1_000_000n; // nanos per milli-unit
const UNIT = 1_000_000_000n; // nanos per unit

function ceilDiv(a: bigint, b: bigint): bigint {
  return b === 0n ? 0n : (a + b - 1n) / b;
}

function nanos(q: string | number | undefined): bigint {
  if (q === undefined) return 0n;
  try {
    return parseQuantity(q).nanos;
  } catch {
    return 0n;
  }
}

/** The value of `ref` for its container in `pod` (the container named by `containerName`, else the first). */
export function resourceFieldValue(view: StateView, pod: Pod, ref: ResourceFieldSelector, containerName?: string): string | { error: string } {
  const containers = pod.spec?.containers ?? [];
  const c = containers.find((x) => x.name === (ref.containerName ?? containerName)) ?? containers[0];
  const m = /^(limits|requests)\.(cpu|memory|ephemeral-storage)$/.exec(ref.resource);
  if (c === undefined || m === null) return { error: `unsupported container resource : ${ref.resource}` };
  const [, kind = '', resource = ''] = m;
  let value = (kind === 'limits' ? c.resources?.limits : c.resources?.requests)?.[resource];
  if (value === undefined && kind === 'limits') {
    const node = view.get(objectKey({ group: '', resource: 'nodes', namespace: '', name: pod.spec?.nodeName ?? '' })) as unknown as Node | undefined;
    value = node?.status?.allocatable?.[resource];
  }
  let divisor = nanos(ref.divisor ?? '1');
  if (divisor === 0n) divisor = UNIT;
  if (resource === 'cpu') return String(ceilDiv(ceilDiv(nanos(value), MILLI), ceilDiv(divisor, MILLI)));
  return String(ceilDiv(ceilDiv(nanos(value), UNIT), ceilDiv(divisor, UNIT)));
}
