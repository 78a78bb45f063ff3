/**
 * The root CA certificate publisher (kube-controller-manager 1.32,
 * pkg/controller/certificates/rootcacertpublisher): every namespace has a
 * ConfigMap `kube-root-ca.crt` whose `ca.crt` is the cluster's root CA
 * bundle, with the `kubernetes.io/description` annotation; a changed or
 * deleted one is put back. The API's ServiceAccount admission mounts it in
 * every pod's `kube-api-access-*` volume.
 *
 * SIMULATED: chronokube has no certificate authority, so `ca.crt` is a fixed
 * placeholder in PEM armour that no TLS library would accept.
 *
 * Woken by namespace adds, updates of Active namespaces, and updates and
 * deletes of a `kube-root-ca.crt` ConfigMap (Kubernetes' handlers). In a
 * namespace that is not Active no ConfigMap is created (Kubernetes tries and
 * ignores the refusal); an existing one is still corrected.
 *
 * @example
 * manager.add(rootCaPublisherController);
 * await scheduler.run(); // configmap kube-root-ca.crt in default, kube-system, ...
 */
import type { ConfigMap } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../../model/index.js';
import { objectKey } from '../../model/index.js';
import type { ControllerDefinition, Predicate } from '../controller.js';
import { done } from '../controller.js';
import { isActive, toItsNamespace } from './namespace-key.js';

export const ROOT_CA_CONFIG_MAP = 'kube-root-ca.crt';
export const ROOT_CA_KEY = 'ca.crt';
export const DESCRIPTION_ANNOTATION = 'kubernetes.io/description';
export const ROOT_CA_DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. ' +
  'No other usage is guaranteed across distributions of Kubernetes clusters.';

/** The simulated root CA bundle: a placeholder, not a certificate. */
export const SIMULATED_ROOT_CA = [
  '-----BEGIN CERTIFICATE-----',
  // base64 of "chronokube simulated root CA: a placeholder, not a real certificate"
  'Y2hyb25va3ViZSBzaW11bGF0ZWQgcm9vdCBDQTogYSBwbGFjZWhvbGRlciwgbm90IGEgcmVhbCBjZXJ0aWZpY2F0ZQ==',
  '-----END CERTIFICATE-----',
  '',
].join('\n');

const isRootCa: Predicate = (c) => c.object.metadata.name === ROOT_CA_CONFIG_MAP && c.type !== 'ADDED';
/** Namespace updates wake the publisher only while Active; adds always do. */
const addedOrActive: Predicate = (c) => c.type !== 'MODIFIED' || isActive(c.object);

export interface RootCaPublisherOptions {
  /** The bundle to publish; default `SIMULATED_ROOT_CA`. */
  readonly rootCa?: string;
  /** Controller name; default `root-ca-cert-publisher`. */
  readonly name?: string;
}

export function createRootCaPublisher(opts: RootCaPublisherOptions = {}): ControllerDefinition {
  const data = { [ROOT_CA_KEY]: opts.rootCa ?? SIMULATED_ROOT_CA };
  return {
    name: opts.name ?? 'root-ca-cert-publisher',
    for: { group: '', kind: 'Namespace' },
    predicates: [addedOrActive],
    watches: [{ kind: { group: '', kind: 'ConfigMap' }, handler: toItsNamespace, predicates: [isRootCa] }],
    reconcile(key, view) {
      const ns = view.get(key);
      if (ns === undefined) return done();
      const namespace = ns.metadata.name ?? '';
      const cm = view.get(objectKey({ group: '', resource: 'configmaps', namespace, name: ROOT_CA_CONFIG_MAP })) as ConfigMap | undefined;
      if (cm === undefined) {
        if (!isActive(ns)) return done();
        const fresh: ConfigMap = {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: ROOT_CA_CONFIG_MAP, namespace, annotations: { [DESCRIPTION_ANNOTATION]: ROOT_CA_DESCRIPTION } },
          data,
        };
        return { commands: [{ type: 'create', object: fresh as KubeObject }] };
      }
      const sameData = JSON.stringify(cm.data ?? {}) === JSON.stringify(data);
      if (sameData && (cm.metadata?.annotations?.[DESCRIPTION_ANNOTATION] ?? '') !== '') return done();
      const fixed: ConfigMap = {
        ...cm,
        metadata: { ...cm.metadata, annotations: { ...cm.metadata?.annotations, [DESCRIPTION_ANNOTATION]: ROOT_CA_DESCRIPTION } },
        data,
      };
      return { commands: [{ type: 'update', object: fixed as KubeObject }] };
    },
  };
}

/** Publishes the simulated root CA bundle in every namespace. */
export const rootCaPublisherController: ControllerDefinition = createRootCaPublisher();
