/**
 * core/v1's non-pod messages kubectl creates imperatively (ConfigMap,
 * Secret, Service, Namespace, ServiceAccount, ResourceQuota), by their
 * Kubernetes 1.32 field numbers in staging/src/k8s.io/api/core/v1/
 * generated.proto.
 */
import type { MessageSource } from './field-spec.js';

export const CORE_MESSAGES: Readonly<Record<string, MessageSource>> = {
  ConfigMap: { 1: 'metadata:ObjectMeta', 4: 'immutable*:bool', 2: 'data:map<string>', 3: 'binaryData:map<bytes>' },
  Secret: { 1: 'metadata:ObjectMeta', 5: 'immutable*:bool', 2: 'data:map<bytes>', 4: 'stringData:map<string>', 3: 'type' },
  Namespace: { 1: 'metadata:ObjectMeta', 2: 'spec:NamespaceSpec', 3: 'status:NamespaceStatus' },
  NamespaceSpec: { 1: 'finalizers[]' },
  NamespaceStatus: { 1: 'phase', 2: 'conditions[]:NamespaceCondition' },
  NamespaceCondition: { 1: 'type!', 2: 'status!', 4: 'lastTransitionTime:time', 5: 'reason', 6: 'message' },
  ServiceAccount: {
    1: 'metadata:ObjectMeta',
    2: 'secrets[]:ObjectReference',
    3: 'imagePullSecrets[]:LocalObjectReference',
    4: 'automountServiceAccountToken*:bool',
  },
  ObjectReference: { 1: 'kind', 2: 'namespace', 3: 'name', 4: 'uid', 5: 'apiVersion', 6: 'resourceVersion', 7: 'fieldPath' },
  TypedLocalObjectReference: { 1: 'apiGroup*', 2: 'kind!', 3: 'name!' },
  ResourceQuota: { 1: 'metadata:ObjectMeta', 2: 'spec:ResourceQuotaSpec', 3: 'status:ResourceQuotaStatus' },
  ResourceQuotaSpec: { 1: 'hard:map<quantity>', 2: 'scopes[]', 3: 'scopeSelector*:ScopeSelector' },
  ScopeSelector: { 1: 'matchExpressions[]:ScopedResourceSelectorRequirement' },
  ScopedResourceSelectorRequirement: { 1: 'scopeName!', 2: 'operator!', 3: 'values[]' },
  ResourceQuotaStatus: { 1: 'hard:map<quantity>', 2: 'used:map<quantity>' },
  Service: { 1: 'metadata:ObjectMeta', 2: 'spec:ServiceSpec', 3: 'status:ServiceStatus' },
  ServiceSpec: {
    1: 'ports[]:ServicePort',
    2: 'selector:map<string>',
    3: 'clusterIP',
    18: 'clusterIPs[]',
    4: 'type',
    5: 'externalIPs[]',
    7: 'sessionAffinity',
    8: 'loadBalancerIP',
    9: 'loadBalancerSourceRanges[]',
    10: 'externalName',
    11: 'externalTrafficPolicy',
    12: 'healthCheckNodePort:int32',
    13: 'publishNotReadyAddresses:bool',
    14: 'sessionAffinityConfig*:SessionAffinityConfig',
    19: 'ipFamilies[]',
    17: 'ipFamilyPolicy*',
    20: 'allocateLoadBalancerNodePorts*:bool',
    21: 'loadBalancerClass*',
    22: 'internalTrafficPolicy*',
    23: 'trafficDistribution*',
  },
  ServicePort: { 1: 'name', 2: 'protocol', 6: 'appProtocol*', 3: 'port!:int32', 4: 'targetPort:intstr', 5: 'nodePort:int32' },
  SessionAffinityConfig: { 1: 'clientIP*:ClientIPConfig' },
  ClientIPConfig: { 1: 'timeoutSeconds*:int32' },
  ServiceStatus: { 1: 'loadBalancer:LoadBalancerStatus', 2: 'conditions[]:Condition' },
  LoadBalancerStatus: { 1: 'ingress[]:LoadBalancerIngress' },
  LoadBalancerIngress: { 1: 'ip', 2: 'hostname', 3: 'ipMode*', 4: 'ports[]:PortStatus' },
  PortStatus: { 1: 'port!:int32', 2: 'protocol!', 3: 'error*' },
};
