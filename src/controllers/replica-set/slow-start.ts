/**
 * Kubernetes' slow start for pod creation (`slowStartBatch` in
 * pkg/controller/replicaset/replica_set.go, `SlowStartInitialBatchSize` = 1):
 * creates go out in batches of 1, 2, 4, 8, ... so a template that can never
 * be admitted costs one failed request, not hundreds. A sync creates at most
 * `BURST_REPLICAS` (kube-controller-manager's `burstReplicas`, 500) pods.
 */

export const SLOW_START_INITIAL_BATCH_SIZE = 1;
export const BURST_REPLICAS = 500;

/**
 * The batch sizes for `count` creates: `[1, 2, 4, ..., rest]`.
 *
 * @example
 * slowStartBatches(10) // [1, 2, 4, 3]
 */
export function slowStartBatches(count: number, initial = SLOW_START_INITIAL_BATCH_SIZE): number[] {
  const out: number[] = [];
  let remaining = count;
  for (let size = Math.min(remaining, initial); size > 0; size = Math.min(2 * size, remaining)) {
    out.push(size);
    remaining -= size;
  }
  return out;
}
