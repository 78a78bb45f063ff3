/**
 * What a Node change wakes (Kubernetes 1.32 `addNode` / `updateNode`): a
 * new node wakes every DaemonSet that should run on it; an update that
 * changed the node's labels or taints wakes the DaemonSets for which
 * "should run" or "may keep running" changed. A deleted node wakes nothing:
 * its pods are removed by pod garbage collection, and their deletion wakes
 * their DaemonSet.
 */
import type { DaemonSet } from 'kubernetes-types/apps/v1.js';
import type { Node } from 'kubernetes-types/core/v1.js';
import { objectKey } from '../../model/index.js';
import type { Handler } from '../controller.js';
import { nodeShouldRunDaemonPod } from './node-should-run.js';

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export const nodeHandler: Handler = (c, view) => {
  if (c.type === 'DELETED') return [];
  const cur = c.object as unknown as Node;
  const prev = c.type === 'MODIFIED' ? (c.previous as unknown as Node | undefined) : undefined;
  if (prev !== undefined && same(prev.metadata?.labels, cur.metadata?.labels) && same(prev.spec?.taints, cur.spec?.taints)) return [];
  const keys: string[] = [];
  for (const o of view.list({ group: 'apps', resource: 'daemonsets' })) {
    const ds = o as unknown as DaemonSet;
    const now = nodeShouldRunDaemonPod(cur, ds);
    let wake: boolean;
    if (c.type === 'ADDED') wake = now.shouldRun;
    else if (prev === undefined) wake = true; // the version before is no longer known: look again
    else {
      const before = nodeShouldRunDaemonPod(prev, ds);
      wake = before.shouldRun !== now.shouldRun || before.shouldContinueRunning !== now.shouldContinueRunning;
    }
    if (wake) keys.push(objectKey({ group: 'apps', resource: 'daemonsets', namespace: o.metadata.namespace ?? '', name: o.metadata.name ?? '' }));
  }
  return keys;
};
