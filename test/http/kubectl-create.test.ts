/**
 * The real kubectl's imperative `create` subcommands (and `autoscale`),
 * which send protobuf (checked with -v=8: Content-Type
 * application/vnd.kubernetes.protobuf), against `chronokube up`. Each
 * object is created twice: imperatively in namespace `pb`, and as the JSON
 * kubectl prints for `--dry-run=client -o json` through `create -f` in
 * namespace `js`; read back with `get -o json`, the two must be equal but
 * for what the server assigns (uids, times, cluster IPs, node ports).
 * Fails — never skips — when kubectl is missing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubectlCluster } from './kubectl-harness.js';
import { startKubectlCluster } from './kubectl-harness.js';

let cluster: KubectlCluster;
let certFile = '';
let keyFile = '';
let dataFile = '';

beforeAll(async () => {
  cluster = await startKubectlCluster('chronokube-kubectl-create-', 1);
  // `create secret tls` checks that the pair matches: use the server's own generated certificate and key.
  certFile = join(cluster.dir, 'data', 'tls.crt');
  keyFile = join(cluster.dir, 'data', 'tls.key');
  dataFile = join(cluster.dir, 'settings.txt');
  writeFileSync(dataFile, 'hello file\n');
  await cluster.ok('create', 'namespace', 'pb');
  await cluster.ok('create', 'namespace', 'js');
}, 30_000);

afterAll(async () => {
  expect(await cluster.stop()).toBe(0);
});

let written = 0;

type Obj = Record<string, unknown> & { kind: string; metadata: { name: string } };

/** Creates `args` imperatively in `pb` and through its dry-run JSON in `js`. */
async function both(args: (ns: string) => string[]): Promise<void> {
  const viaJson = async (): Promise<void> => {
    // Flags go first: a command's own arguments after `--` end its flags.
    const json = await cluster.ok('-n', 'js', '--dry-run=client', '-o', 'json', ...args('js'));
    const file = join(cluster.dir, `dry-${++written}.json`);
    writeFileSync(file, json);
    await cluster.ok('create', '-f', file, '-n', 'js');
  };
  await Promise.all([cluster.ok('-n', 'pb', ...args('pb')), viaJson()]);
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** What the server and its controllers assign (uids, times, IPs, status) removed; names ending in -js read as -pb. */
function normalized(o: Obj): unknown {
  const text = JSON.stringify(o).replace(UUID, 'UID').replace(/-js\b/g, '-pb').replace(/"js"/g, '"pb"');
  const c = JSON.parse(text) as Obj & { metadata: Record<string, unknown>; spec?: Record<string, unknown>; status?: unknown };
  for (const k of ['uid', 'resourceVersion', 'creationTimestamp', 'managedFields', 'namespace', 'selfLink']) delete c.metadata[k];
  delete c.status;
  // What controllers write a moment after the create, so either copy may or may not have it yet.
  if (c.kind === 'Job') delete c.metadata['labels'];
  const annotations = c.metadata['annotations'] as Record<string, string> | undefined;
  if (annotations !== undefined) {
    delete annotations['deployment.kubernetes.io/revision'];
    if (Object.keys(annotations).length === 0) delete c.metadata['annotations'];
  }
  if (c.kind === 'Service' && c.spec !== undefined) {
    delete c.spec['clusterIP'];
    delete c.spec['clusterIPs'];
    for (const p of (c.spec['ports'] ?? []) as Record<string, unknown>[]) delete p['nodePort'];
  }
  return c;
}

async function getJson(...args: string[]): Promise<Obj[]> {
  const out = JSON.parse(await cluster.ok('get', ...args, '-o', 'json')) as Obj & { items?: Obj[] };
  return out.items ?? [out];
}

const TYPES = 'deployments,configmaps,secrets,services,serviceaccounts,cronjobs,jobs,roles,rolebindings,resourcequotas,poddisruptionbudgets,ingresses,horizontalpodautoscalers';

describe('kubectl create (protobuf) against chronokube up', () => {
  it('creates every namespaced kind imperatively as its JSON would be created', async () => {
    type Args = () => string[];
    const independent: Args[] = [
      () => ['create', 'deployment', 'web', '--image=nginx', '--image=busybox', '--replicas=2', '--port=80'],
      () => ['create', 'configmap', 'cfg', '--from-literal=a=1', `--from-file=${dataFile}`],
      () => ['create', 'secret', 'generic', 's-generic', '--from-literal=k=v'],
      () => ['create', 'secret', 'tls', 's-tls', `--cert=${certFile}`, `--key=${keyFile}`],
      () => ['create', 'secret', 'docker-registry', 's-reg', '--docker-server=r.io', '--docker-username=u', '--docker-password=p', '--docker-email=e@x.io'],
      () => ['create', 'service', 'clusterip', 'svc-c', '--tcp=80:8080'],
      () => ['create', 'service', 'nodeport', 'svc-n', '--tcp=80:8080'],
      () => ['create', 'service', 'loadbalancer', 'svc-l', '--tcp=443:8443'],
      () => ['create', 'service', 'externalname', 'svc-e', '--external-name=example.com'],
      () => ['create', 'serviceaccount', 'robot'],
      () => ['create', 'cronjob', 'nightly', '--image=busybox', '--schedule=*/5 * * * *', '--', 'echo', 'hi'],
      () => ['create', 'job', 'once', '--image=busybox', '--', 'echo', 'hi'],
      () => ['create', 'role', 'reader', '--verb=get,list', '--resource=pods,deployments.apps', '--resource-name=web'],
      () => ['create', 'quota', 'q', '--hard=cpu=1,memory=1Gi,pods=2', '--scopes=NotBestEffort'],
      () => ['create', 'poddisruptionbudget', 'pdb', '--selector=app=web', '--min-available=50%'],
      () => ['create', 'ingress', 'ing', '--class=nginx', '--rule=foo.com/bar*=svc-c:8080', '--rule=bar.com/=svc-n:http,tls=cert'],
    ];
    // These read what the first ones made (the cronjob, the role, the deployment).
    const dependent: Args[] = [
      () => ['create', 'job', 'manual', '--from=cronjob/nightly'],
      () => ['create', 'rolebinding', 'read', '--role=reader', '--user=bob', '--group=devs', '--serviceaccount=pb:robot'],
      () => ['autoscale', 'deployment', 'web', '--min=2', '--max=5', '--cpu-percent=60'],
    ];
    for (let i = 0; i < independent.length; i += 4) await Promise.all(independent.slice(i, i + 4).map(both));
    await Promise.all(dependent.map(both));

    const pb = await getJson(TYPES, '-n', 'pb');
    const js = await getJson(TYPES, '-n', 'js');
    const key = (o: Obj): string => `${o.kind}/${o.metadata.name}`;
    const created = (list: Obj[]): Obj[] => list.filter((o) => !(o.kind === 'ServiceAccount' && o.metadata.name === 'default')).sort((a, b) => key(a).localeCompare(key(b)));
    expect(created(pb).map(key)).toEqual(created(js).map(key));
    expect(created(pb).length).toBeGreaterThanOrEqual(19);
    for (const [i, o] of created(pb).entries()) expect(normalized(o), key(o)).toEqual(normalized(created(js)[i] as Obj));
  }, 90_000);

  it('stores the values the flags name, typed as Kubernetes types them', async () => {
    const get = async (what: string): Promise<Record<string, unknown>> => JSON.parse(await cluster.ok('get', what, '-n', 'pb', '-o', 'json')) as Record<string, unknown>;
    expect(await get('deployment/web')).toMatchObject({
      spec: { replicas: 2, template: { spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80, protocol: 'TCP' }] }, { name: 'busybox', image: 'busybox' }] } } },
    });
    expect(await get('configmap/cfg')).toMatchObject({ data: { a: '1', 'settings.txt': 'hello file\n' } });
    const tls = (await get('secret/s-tls')) as { type: string; data: Record<string, string> };
    expect(tls.type).toBe('kubernetes.io/tls');
    expect(Buffer.from(tls.data['tls.crt'] ?? '', 'base64').toString()).toBe(readFileSync(certFile, 'utf8'));
    expect(Buffer.from(tls.data['tls.key'] ?? '', 'base64').toString()).toBe(readFileSync(keyFile, 'utf8'));
    const reg = (await get('secret/s-reg')) as { type: string; data: Record<string, string> };
    expect(reg.type).toBe('kubernetes.io/dockerconfigjson');
    expect(JSON.parse(Buffer.from(reg.data['.dockerconfigjson'] ?? '', 'base64').toString())).toMatchObject({ auths: { 'r.io': { username: 'u', password: 'p' } } });
    expect(await get('service/svc-c')).toMatchObject({ spec: { type: 'ClusterIP', ports: [{ name: '80-8080', port: 80, targetPort: 8080, protocol: 'TCP' }] } });
    const np = (await get('service/svc-n')) as { spec: { type: string; ports: { nodePort: number }[] } };
    expect(np.spec.type).toBe('NodePort');
    expect(np.spec.ports[0]?.nodePort).toBeGreaterThanOrEqual(30000);
    expect(await get('service/svc-e')).toMatchObject({ spec: { type: 'ExternalName', externalName: 'example.com' } });
    expect(await get('poddisruptionbudget/pdb')).toMatchObject({ spec: { minAvailable: '50%', selector: { matchLabels: { app: 'web' } } } });
    expect(await get('resourcequota/q')).toMatchObject({ spec: { hard: { cpu: '1', memory: '1Gi', pods: '2' }, scopes: ['NotBestEffort'] } });
    expect(await get('ingress/ing')).toMatchObject({
      spec: {
        ingressClassName: 'nginx',
        rules: [
          { host: 'foo.com', http: { paths: [{ path: '/bar', pathType: 'Prefix', backend: { service: { name: 'svc-c', port: { number: 8080 } } } }] } },
          { host: 'bar.com', http: { paths: [{ path: '/', pathType: 'Exact', backend: { service: { name: 'svc-n', port: { name: 'http' } } } }] } },
        ],
        tls: [{ hosts: ['bar.com'], secretName: 'cert' }],
      },
    });
    const manual = (await get('job/manual')) as { metadata: { annotations: Record<string, string>; ownerReferences: { kind: string; name: string; controller: boolean }[] } };
    expect(manual.metadata.annotations['cronjob.kubernetes.io/instantiate']).toBe('manual');
    expect(manual.metadata.ownerReferences).toEqual([expect.objectContaining({ kind: 'CronJob', name: 'nightly', controller: true })]);
    expect(await get('rolebinding/read')).toMatchObject({
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' },
      subjects: [
        { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'bob' },
        { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'devs' },
        { kind: 'ServiceAccount', name: 'robot', namespace: 'pb' },
      ],
    });
    expect(await get('horizontalpodautoscaler/web')).toMatchObject({ spec: { minReplicas: 2, maxReplicas: 5, targetCPUUtilizationPercentage: 60 } });
  });

  it('creates the cluster-scoped kinds (namespace, clusterrole, clusterrolebinding, priorityclass) as their JSON would be', async () => {
    const pairs: [string, (suffix: string) => string[]][] = [
      ['namespace', (s) => ['create', 'namespace', `team-${s}`]],
      ['clusterrole', (s) => ['create', 'clusterrole', `viewer-${s}`, '--verb=get', '--resource=nodes', '--non-resource-url=/healthz', '--verb=get']],
      ['clusterrolebinding', (s) => ['create', 'clusterrolebinding', `view-${s}`, `--clusterrole=viewer-${s}`, '--user=alice']],
      ['priorityclass', (s) => ['create', 'priorityclass', `high-${s}`, '--value=1000', '--description=important', '--preemption-policy=Never']],
    ];
    for (const [, args] of pairs) {
      const json = await cluster.ok('--dry-run=client', '-o', 'json', ...args('js'));
      writeFileSync(join(cluster.dir, 'cluster-scoped.json'), json);
      await Promise.all([cluster.ok(...args('pb')), cluster.ok('create', '-f', join(cluster.dir, 'cluster-scoped.json'))]);
    }
    const pb = await getJson('namespace/team-pb', 'clusterrole/viewer-pb', 'clusterrolebinding/view-pb', 'priorityclass/high-pb');
    const js = await getJson('namespace/team-js', 'clusterrole/viewer-js', 'clusterrolebinding/view-js', 'priorityclass/high-js');
    expect(pb.map((o) => o.kind)).toEqual(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'PriorityClass']);
    for (const [i, o] of pb.entries()) expect(normalized(o), o.kind).toEqual(normalized(js[i] as Obj));
    expect(pb[3]).toMatchObject({ value: 1000, description: 'important', preemptionPolicy: 'Never' });
    expect(pb[1]).toMatchObject({ rules: [{ verbs: ['get'], apiGroups: [''], resources: ['nodes'] }, { verbs: ['get'], nonResourceURLs: ['/healthz'] }] });
  });
});
