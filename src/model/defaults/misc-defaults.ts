/**
 * Scheme defaults of 1.32 for the non-workload built-ins: Service,
 * Namespace, Node, Secret, Endpoints, PersistentVolume(Claim), HPA,
 * PriorityClass and CustomResourceDefinition. Mutate the copy they are given.
 */
import { ensureObj, isObj, objects, setDefault, type Obj } from './defaults-util.js';

/**
 * SetDefaults_Service of 1.32. `externalTrafficPolicy` is defaulted for
 * externally-accessible Services (NodePort, LoadBalancer, or ClusterIP with
 * externalIPs); a `None` affinity carries no config; a load balancer's
 * ingress IPs get `ipMode: VIP` (LoadBalancerIPMode, on by default).
 * Cluster IPs, families and node ports are not defaults: the Service
 * address allocation admission fills them in.
 */
export function defaultService(svc: Obj): void {
  const spec = ensureObj(svc, 'spec');
  setDefault(spec, 'sessionAffinity', 'None');
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  setDefault(spec, 'type', 'ClusterIP');
  for (const p of objects(spec, 'ports')) {
    setDefault(p, 'protocol', 'TCP');
    if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  const externalIPs = Array.isArray(spec.externalIPs) ? spec.externalIPs.length : 0;
  const externallyAccessible = spec.type === 'NodePort' || spec.type === 'LoadBalancer' || (spec.type === 'ClusterIP' && externalIPs > 0);
  if (externallyAccessible && (spec.externalTrafficPolicy === undefined || spec.externalTrafficPolicy === '')) spec.externalTrafficPolicy = 'Cluster';
  if (spec.type === 'ClusterIP' || spec.type === 'NodePort' || spec.type === 'LoadBalancer') setDefault(spec, 'internalTrafficPolicy', 'Cluster');
  if (spec.sessionAffinity === 'ClientIP') {
    const cfg = ensureObj(ensureObj(spec, 'sessionAffinityConfig'), 'clientIP');
    setDefault(cfg, 'timeoutSeconds', 10800);
  }
  if (spec.type === 'LoadBalancer') {
    setDefault(spec, 'allocateLoadBalancerNodePorts', true);
    const status = isObj(svc.status) ? svc.status : undefined;
    const lb = status !== undefined && isObj(status.loadBalancer) ? status.loadBalancer : undefined;
    if (lb !== undefined) for (const ing of objects(lb, 'ingress')) if (typeof ing.ip === 'string' && ing.ip !== '') setDefault(ing, 'ipMode', 'VIP');
  }
}

/**
 * The `kubernetes.io/metadata.name` label and `status.phase: Active` are
 * scheme defaults; the `kubernetes` finalizer is what the namespace
 * strategy adds on create, included here so a created namespace looks real.
 */
export function defaultNamespace(ns: Obj): void {
  const meta = ensureObj(ns, 'metadata');
  if (typeof meta.name === 'string' && meta.name !== '') ensureObj(meta, 'labels')['kubernetes.io/metadata.name'] = meta.name;
  const spec = ensureObj(ns, 'spec');
  if (!Array.isArray(spec.finalizers)) spec.finalizers = ['kubernetes'];
  setDefault(ensureObj(ns, 'status'), 'phase', 'Active');
}

export function defaultNode(node: Obj): void {
  if (isObj(node.status) && isObj(node.status.capacity) && node.status.allocatable == null) {
    node.status.allocatable = { ...node.status.capacity };
  }
}

/**
 * Besides the type, what v1 → internal conversion does in Kubernetes:
 * `stringData` is write-only — each of its values, base64-encoded, takes its
 * key in `data` (overwriting), and `stringData` itself is never stored.
 */
export function defaultSecret(secret: Obj): void {
  const stringData = secret['stringData'];
  if (isObj(stringData)) {
    const data = isObj(secret['data']) ? { ...secret['data'] } : {};
    for (const k of Object.keys(stringData).sort()) {
      const v = stringData[k];
      if (typeof v === 'string') data[k] = Buffer.from(v, 'utf8').toString('base64');
    }
    secret['data'] = data;
  }
  delete secret['stringData'];
  setDefault(secret, 'type', 'Opaque');
}

export function defaultEndpoints(ep: Obj): void {
  for (const subset of objects(ep, 'subsets')) for (const p of objects(subset, 'ports')) setDefault(p, 'protocol', 'TCP');
}

export function defaultPersistentVolume(pv: Obj): void {
  const spec = ensureObj(pv, 'spec');
  setDefault(spec, 'persistentVolumeReclaimPolicy', 'Retain');
  setDefault(spec, 'volumeMode', 'Filesystem');
  setDefault(ensureObj(pv, 'status'), 'phase', 'Pending');
}

const SCALE_UP = { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] };
const SCALE_DOWN = { stabilizationWindowSeconds: 300, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] };

function fillRules(o: Obj, k: string, d: Obj): void {
  const rules = ensureObj(o, k);
  for (const f of Object.keys(d)) setDefault(rules, f, structuredClone(d[f]));
}

export function defaultHorizontalPodAutoscaler(hpa: Obj, version: string): void {
  const spec = ensureObj(hpa, 'spec');
  setDefault(spec, 'minReplicas', 1);
  if (version === 'v1') return;
  if (!Array.isArray(spec.metrics) || spec.metrics.length === 0) {
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
  }
  if (isObj(spec.behavior)) {
    fillRules(spec.behavior, 'scaleUp', SCALE_UP);
    fillRules(spec.behavior, 'scaleDown', SCALE_DOWN);
  }
}

export function defaultPriorityClass(pc: Obj): void {
  setDefault(pc, 'preemptionPolicy', 'PreemptLowerPriority');
}

export function defaultCustomResourceDefinition(crd: Obj): void {
  const spec = ensureObj(crd, 'spec');
  const names = ensureObj(spec, 'names');
  if (typeof names.kind === 'string') {
    setDefault(names, 'singular', names.kind.toLowerCase());
    setDefault(names, 'listKind', `${names.kind}List`);
  }
  if (!isObj(spec.conversion)) spec.conversion = { strategy: 'None' };
}
