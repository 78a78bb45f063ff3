/**
 * How many feasible nodes a scheduling cycle looks for before it stops
 * filtering (kube-scheduler 1.32 `numFeasibleNodesToFind`): all nodes below
 * 100; otherwise percentageOfNodesToScore of them, where 0 means adaptive —
 * 50% minus one point per 125 nodes, at least 5% — and never fewer than 100.
 *
 * @example
 * numFeasibleNodesToFind(0, 5000) // 500 (50 − 40 = 10%)
 */
export const MIN_FEASIBLE_NODES_TO_FIND = 100;
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

export function numFeasibleNodesToFind(percentageOfNodesToScore: number, numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let percentage = percentageOfNodesToScore;
  if (percentage === 0) {
    percentage = 50 - Math.trunc(numAllNodes / 125);
    if (percentage < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) percentage = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
  }
  const n = Math.trunc((numAllNodes * percentage) / 100);
  return n < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : n;
}
