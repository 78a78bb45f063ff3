/**
 * The service account controller (kube-controller-manager 1.32,
 * pkg/controller/serviceaccount/serviceaccounts_controller.go): every
 * Active namespace has the service accounts it ensures — by default only
 * `default` — created when missing and re-created when deleted. A namespace
 * in any other phase (Terminating) gets nothing, since the API would refuse
 * the create and the namespace controller is emptying it.
 *
 * Woken by every namespace add and update, and by the deletion of a service
 * account (Kubernetes' handlers); level-triggered: it reads the view only.
 * An existing account is never touched, whatever its content.
 *
 * @example
 * manager.add(serviceAccountController);
 * await api.create({ group: '', version: 'v1', resource: 'namespaces' }, { metadata: { name: 'team-a' } }, user);
 * await scheduler.run(); // serviceaccount team-a/default exists
 */
import type { ServiceAccount } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../../model/index.js';
import { objectKey } from '../../model/index.js';
import type { ControllerDefinition } from '../controller.js';
import { done } from '../controller.js';
import { isActive, toItsNamespace } from './namespace-key.js';

export interface ServiceAccountControllerOptions {
  /** Names of the service accounts to ensure in every namespace (Kubernetes: `default`). */
  readonly serviceAccounts?: readonly string[];
  /** Controller name; default `serviceaccount`. */
  readonly name?: string;
}

export function createServiceAccountController(opts: ServiceAccountControllerOptions = {}): ControllerDefinition {
  const names = opts.serviceAccounts ?? ['default'];
  return {
    name: opts.name ?? 'serviceaccount',
    for: { group: '', kind: 'Namespace' },
    watches: [{ kind: { group: '', kind: 'ServiceAccount' }, handler: toItsNamespace, predicates: [(c) => c.type === 'DELETED'] }],
    reconcile(key, view) {
      const ns = view.get(key);
      if (ns === undefined || !isActive(ns)) return done();
      const namespace = ns.metadata.name ?? '';
      const missing = names.filter((name) => view.get(objectKey({ group: '', resource: 'serviceaccounts', namespace, name })) === undefined);
      return {
        commands: missing.map((name) => {
          const sa: ServiceAccount = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace } };
          return { type: 'create' as const, object: sa as KubeObject };
        }),
      };
    },
  };
}

/** Ensures `default` in every Active namespace. */
export const serviceAccountController: ControllerDefinition = createServiceAccountController();
