/**
 * Store benchmark: 1,000,000 writes over 10,000 pods of about 2 KB — created
 * with `put`, then mostly status and label updates as small `patch` changes,
 * with a few deletes and re-creates. Records are generated and JSON-decoded
 * before any timing. Besides the original figures (seek = `at(rev).count()`,
 * step back = `cursor.back()`), which the lazy store makes cheap by design, it
 * reports what a reader then pays: `seek_list_*` lists one namespace (~500
 * pods, each rebuilt at that revision) and `step_back_read_p99_us` steps back
 * and reads the object the undone write changed. Run with --expose-gc:
 *   node --import tsx --expose-gc -e "import('./bench/store.ts').then(m=>m.benchStore()).then(console.log)"
 */
import type { KubeObject, WriteRecord } from '../src/model/index.js';
import { DEFAULT_SNAPSHOT_INTERVAL, type FoldStore, createStore } from '../src/store/index.js';

export interface StoreBenchResult {
  fold_events_per_s: number;
  seek_p50_ms: number;
  seek_p99_ms: number;
  seek_list_p50_ms: number;
  seek_list_p99_ms: number;
  step_back_p99_us: number;
  step_back_read_p99_us: number;
  heap_bytes_per_event: number;
}

/** mulberry32: a small seeded PRNG, so every run folds the same history. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PODS = 10_000;
const NODES = 100;

function pod(i: number, gen: number): KubeObject {
  const name = `web-${(i % 500).toString(36)}-${i.toString(36).padStart(5, '0')}`;
  const uid = `00000000-0000-4000-8000-${(i * 7919 + gen).toString(16).padStart(12, '0')}`;
  const rsUid = `00000000-0000-4000-9000-${(i % 500).toString(16).padStart(12, '0')}`;
  const time = '2025-01-01T00:00:00Z';
  const cond = (type: string) => ({ type, status: 'True', lastProbeTime: null, lastTransitionTime: time });
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: `team-${i % 20}`,
      uid,
      creationTimestamp: time,
      generateName: `web-${(i % 500).toString(36)}-`,
      labels: { app: `web-${i % 500}`, tier: i % 3 === 0 ? 'frontend' : 'backend', version: 'v1', 'pod-template-hash': `h${i % 500}` },
      annotations: { 'kubernetes.io/config.seen': time, 'example.com/owner': 'team-platform' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `web-${i % 500}`, uid: rsUid, controller: true, blockOwnerDeletion: true }],
    },
    spec: {
      containers: [
        {
          name: 'app',
          image: 'registry.example.com/team/web:1.27.3',
          ports: [{ containerPort: 8080, protocol: 'TCP', name: 'http' }],
          env: [1, 2, 3, 4, 5].map((n) => ({ name: `SETTING_${n}`, value: `value-${n}-${i}` })),
          resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
          readinessProbe: { httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' }, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 },
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
          imagePullPolicy: 'IfNotPresent',
        },
      ],
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      serviceAccountName: 'default',
      nodeName: `node-${i % NODES}`,
      schedulerName: 'default-scheduler',
      tolerations: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
    },
    status: {
      phase: 'Running',
      conditions: ['Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map(cond),
      hostIP: `10.0.${i % NODES}.1`,
      podIP: `10.244.${(i >> 8) & 255}.${i & 255}`,
      startTime: time,
      containerStatuses: [
        { name: 'app', ready: true, restartCount: 0, image: 'registry.example.com/team/web:1.27.3', imageID: 'sha256:0123456789abcdef', started: true, state: { running: { startedAt: time } } },
      ],
      qosClass: 'Burstable',
    },
  };
}

function keyOf(i: number): string {
  const p = pod(i, 0);
  return `core/pods/${p.metadata.namespace}/${p.metadata.name}`;
}

/** The history, as JSON lines decoded back (what a log read yields). */
export function generateHistory(writes: number, seed = 42): WriteRecord[] {
  const rnd = prng(seed);
  const keys = Array.from({ length: PODS }, (_, i) => keyOf(i));
  const last = new Array<number>(PODS).fill(0);
  const alive = new Array<boolean>(PODS).fill(false);
  const gen = new Array<number>(PODS).fill(0);
  const out: WriteRecord[] = [];
  for (let rev = 1; rev <= writes; rev++) {
    const i = rev <= PODS ? rev - 1 : Math.floor(rnd() * PODS);
    const key = keys[i] as string;
    const time = rev * 10;
    const base = { type: 'write' as const, rev, time, cause: [], observedRev: rev - 1, key, prevRev: last[i] as number };
    let rec: WriteRecord;
    if (!alive[i]) {
      gen[i] = (gen[i] as number) + 1;
      rec = { ...base, actor: 'controller:replicaset', verb: 'create', change: { op: 'put', object: pod(i, gen[i] as number) } };
      alive[i] = true;
    } else {
      const r = rnd();
      const ts = new Date(Date.UTC(2025, 0, 1) + time).toISOString();
      if (r < 0.005) {
        rec = { ...base, actor: 'controller:replicaset', verb: 'delete', change: { op: 'remove' } };
        alive[i] = false;
      } else if (r < 0.2) {
        const v = `v${Math.floor(rnd() * 8)}`;
        rec = { ...base, actor: 'user:deployer', verb: 'patch', change: { op: 'patch', patch: [{ op: 'replace', path: '/metadata/labels/version', value: v }] } };
      } else {
        const c = 1 + Math.floor(rnd() * 2);
        const ready = rnd() < 0.5 ? 'True' : 'False';
        rec = {
          ...base,
          actor: `node:node-${i % NODES}`,
          verb: 'update',
          subresource: 'status',
          change: {
            op: 'patch',
            patch: [
              { op: 'replace', path: `/status/conditions/${c}/status`, value: ready },
              { op: 'replace', path: `/status/conditions/${c}/lastTransitionTime`, value: ts },
              { op: 'replace', path: '/status/containerStatuses/0/restartCount', value: Math.floor(rnd() * 5) },
            ],
          },
        };
      }
    }
    out.push(JSON.parse(JSON.stringify(rec)) as WriteRecord);
    last[i] = rev;
  }
  return out;
}

function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g === undefined) throw new Error('run with --expose-gc');
  for (let i = 0; i < 3; i++) g();
}

function quantile(xs: number[], q: number): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
}

const now = (): number => Number(process.hrtime.bigint()) / 1e6;

export async function benchStore(opts: { writes?: number; snapshotInterval?: number } = {}): Promise<StoreBenchResult> {
  const writes = opts.writes ?? 1_000_000;
  const interval = opts.snapshotInterval ?? DEFAULT_SNAPSHOT_INTERVAL;
  const records = generateHistory(writes);

  // Heap of the live objects alone: a store holding only the creates.
  gc();
  const h0 = process.memoryUsage().heapUsed;
  let live: FoldStore | undefined = createStore({ snapshotInterval: interval });
  for (let r = 0; r < PODS && r < writes; r++) live.fold(records[r] as WriteRecord);
  gc();
  const liveBytes = process.memoryUsage().heapUsed - h0;
  live = undefined;

  gc();
  const before = process.memoryUsage().heapUsed;
  const store = createStore({ snapshotInterval: interval });
  const t0 = now();
  for (const r of records) store.fold(r);
  const foldMs = now() - t0;
  gc();
  const after = process.memoryUsage().heapUsed;

  const rnd = prng(7);
  const seeks: number[] = [];
  for (let n = 0; n < 2000; n++) {
    const rev = 1 + Math.floor(rnd() * writes);
    const s = now();
    store.at(rev).count();
    seeks.push(now() - s);
  }

  const lists: number[] = [];
  for (let n = 0; n < 200; n++) {
    const rev = 1 + Math.floor(rnd() * writes);
    const s = now();
    store.at(rev).list({ group: '', resource: 'pods', namespace: `team-${n % 20}` });
    lists.push(now() - s);
  }

  const backs: number[] = [];
  const reads: number[] = [];
  for (let n = 0; n < 50; n++) {
    const c = store.cursor(1 + Math.floor(rnd() * writes));
    for (let k = 0; k < 400 && c.rev > 0; k++) {
      const key = (c.record as WriteRecord).key;
      const s = now();
      c.back();
      const m = now();
      c.state.get(key);
      const e = now();
      backs.push((m - s) * 1000);
      reads.push((e - s) * 1000);
    }
  }
  void live;
  return {
    fold_events_per_s: Math.round(writes / (foldMs / 1000)),
    seek_p50_ms: +quantile(seeks, 0.5).toFixed(3),
    seek_p99_ms: +quantile(seeks, 0.99).toFixed(3),
    seek_list_p50_ms: +quantile(lists, 0.5).toFixed(3),
    seek_list_p99_ms: +quantile(lists, 0.99).toFixed(3),
    step_back_p99_us: +quantile(backs, 0.99).toFixed(2),
    step_back_read_p99_us: +quantile(reads, 0.99).toFixed(2),
    heap_bytes_per_event: Math.round((after - before - liveBytes) / writes),
  };
}
