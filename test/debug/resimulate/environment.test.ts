import { describe, expect, it } from 'vitest';
import { assumedNamespaces, deriveNodeFaults, environmentNodes } from '../../../src/debug/resimulate/environment.js';
import { createMemoryLog } from '../../../src/log/index.js';
import type { KubeObject, PendingRecord } from '../../../src/model/index.js';
import { HISTORY_FORMAT, HISTORY_FORMAT_VERSION } from '../../../src/model/index.js';
import { openStore } from '../../../src/store/index.js';

const EPOCH = Date.UTC(2026, 0, 1);
const iso = (ms: number): string => new Date(EPOCH + ms).toISOString().replace('.000Z', 'Z');

function node(name: string, ready: string, heartbeat: number, extra: Partial<KubeObject> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { zone: 'a' } },
    spec: {},
    status: { capacity: { cpu: '4', memory: '8Gi', pods: '50' }, conditions: [{ type: 'Ready', status: ready, lastHeartbeatTime: iso(heartbeat) }] },
    ...extra,
  };
}

const put = (time: number, key: string, object: KubeObject, prevRev: number, actor = 'client:unknown'): PendingRecord => ({
  type: 'write',
  time,
  actor,
  cause: [],
  observedRev: 0,
  key,
  verb: prevRev === 0 ? 'create' : 'update',
  prevRev,
  change: { op: 'put', object },
});

async function history(records: PendingRecord[]) {
  const log = createMemoryLog({ format: HISTORY_FORMAT, version: HISTORY_FORMAT_VERSION, epoch: EPOCH, clock: 'wall' });
  await log.append(records);
  return openStore(log);
}

describe('the environment of a re-simulation, read from a recording', () => {
  it('places a partition at the last heartbeat before Ready turned Unknown, and a heal where it came back', async () => {
    const k = 'core/nodes/_/node-a';
    const store = await history([put(0, k, node('node-a', 'True', 0), 0), put(20_000, k, node('node-a', 'True', 20_000), 1), put(75_000, k, node('node-a', 'Unknown', 20_000), 2), put(300_000, k, node('node-a', 'True', 300_000), 3)]);
    expect(deriveNodeFaults(store, 0, EPOCH)).toEqual([
      { time: 20_000, fault: { kind: 'partition', node: 'node-a' }, fromRev: 3, reason: 'Ready became Unknown at revision 3: the kubelet stopped posting status' },
      { time: 300_000, fault: { kind: 'heal', node: 'node-a' }, fromRev: 4, reason: 'Ready became True again at revision 4: the kubelet posted status' },
    ]);
  });

  it('takes a lease renewal newer than the heartbeat, and falls back to the grace period when neither is recent', async () => {
    const k = 'core/nodes/_/node-a';
    const lease = 'coordination.k8s.io/leases/kube-node-lease/node-a';
    const leaseObj: KubeObject = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'node-a', namespace: 'kube-node-lease' } };
    const renewed = await history([put(0, k, node('node-a', 'True', 0), 0), put(0, lease, leaseObj, 0), put(40_000, lease, leaseObj, 2), put(95_000, k, node('node-a', 'Unknown', 0), 1)]);
    expect(deriveNodeFaults(renewed, 0, EPOCH).map((f) => f.time)).toEqual([40_000]);
    const stale = await history([put(0, k, node('node-a', 'True', 0), 0), put(900_000, k, node('node-a', 'Unknown', 0), 1)]);
    expect(deriveNodeFaults(stale, 0, EPOCH).map((f) => f.time)).toEqual([850_000]);
  });

  it('runs a kubelet for each Node at the start, each registered later, and each named only by pods', async () => {
    const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default' }, spec: { nodeName: 'ghost', containers: [] } };
    const store = await history([put(0, 'core/nodes/_/node-a', node('node-a', 'True', 0), 0), put(5_000, 'core/nodes/_/node-b', node('node-b', 'True', 5_000), 0), put(6_000, 'core/pods/default/web', pod, 0)]);
    const nodes = environmentNodes(store, 1, 0);
    expect(nodes.map((n) => [n.node.name, n.why, n.time])).toEqual([
      ['ghost', 'named', 0],
      ['node-a', 'at-start', 0],
      ['node-b', 'registered', 5_000],
    ]);
    expect(nodes.find((n) => n.node.name === 'node-a')?.node).toMatchObject({ cpu: '4', memory: '8Gi', pods: 50, labels: { zone: 'a' } });
  });

  it('assumes the namespaces inputs write into that neither exist nor are created first', async () => {
    const ns: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'made' } };
    const cm = (namespace: string): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace } });
    const store = await history([put(0, 'core/namespaces/_/made', ns, 0, 'user:a'), put(1, 'core/configmaps/made/c', cm('made'), 0, 'user:a'), put(2, 'core/configmaps/shop/c', cm('shop'), 0, 'user:a')]);
    expect(assumedNamespaces(store, 0, store.writes({}))).toEqual(['shop']);
  });
});
