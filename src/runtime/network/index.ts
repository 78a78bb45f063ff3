/**
 * The simulated network: kube-proxy's routing of Service connections, cluster
 * DNS answers, Ingress routing and the traffic model — pure functions over
 * a state view or a recorded history; nothing here writes.
 */
export * from './service-backends.js';
export * from './balancer.js';
export * from './route-service-request.js';
export * from './resolve-dns.js';
export * from './route-ingress-request.js';
export * from './pod-serving.js';
export * from './traffic-spec.js';
export * from './traffic-report.js';
