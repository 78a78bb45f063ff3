/**
 * Kubernetes 1.32's rules for the built-in kinds: the model layer's
 * defaulting and validation, and the admission plugins a default
 * kube-apiserver runs on pod create (DefaultTolerationSeconds, Priority,
 * ServiceAccount).
 *
 * ServiceAccount admission refuses a pod whose service account does not
 * exist — in Kubernetes the ServiceAccount controller creates `default` in
 * every namespace. A history written without that controller running (the
 * offline `chronokube apply`) would refuse every pod, so by default a
 * missing account only defaults `serviceAccountName`; `strictServiceAccounts`
 * restores Kubernetes' refusal, and running clusters turn it on.
 */
import type { Pod, ServiceAccount } from 'kubernetes-types/core/v1.js';
import type { PriorityClass } from 'kubernetes-types/scheduling/v1.js';
import type { KubeObject } from '../model/index.js';
import { applyDefaults, objectKey, pruneUnknownFields, validate, validateUpdate } from '../model/index.js';
import type { JsonSchemaProps } from '../model/index.js';
import { admitPriority, admitServiceAccount, DEFAULT_SERVICE_ACCOUNT, defaultTolerationSeconds } from './admission/index.js';
import type { Scheme } from './scheme.js';

export interface SchemeOptions {
  /** Refuse pods whose service account does not exist, as Kubernetes does (default false; see above). */
  readonly strictServiceAccounts?: boolean;
}

const isPod = (o: KubeObject): boolean => o.apiVersion === 'v1' && o.kind === 'Pod';

export function createScheme(opts: SchemeOptions = {}): Scheme {
  return {
    defaults: (info, obj) => applyDefaults(info, obj),
    admit: (info, obj, view, ids) => {
      if (info.custom || !isPod(obj)) return obj;
      let pod = defaultTolerationSeconds(obj as Pod);
      const prio = admitPriority(pod, {
        lookup: (name) => view.get(objectKey({ group: 'scheduling.k8s.io', resource: 'priorityclasses', namespace: '', name })) as PriorityClass | undefined,
      });
      if ('error' in prio) throw prio.error;
      pod = prio.pod;
      const saName = pod.spec?.serviceAccountName || DEFAULT_SERVICE_ACCOUNT;
      const sa = view.get(objectKey({ group: '', resource: 'serviceaccounts', namespace: pod.metadata?.namespace ?? '', name: saName })) as
        | ServiceAccount
        | undefined;
      if (sa === undefined && opts.strictServiceAccounts !== true) {
        return { ...pod, spec: { containers: [], ...pod.spec, serviceAccountName: saName, serviceAccount: saName } } as unknown as KubeObject;
      }
      const r = admitServiceAccount(pod, { serviceAccount: sa, volumeSuffix: ids.suffix() });
      if ('error' in r) throw r.error;
      return r.pod as unknown as KubeObject;
    },
    validate: (info, obj, schema) => validate(info, obj, schema === undefined ? {} : { schema: schema as JsonSchemaProps }),
    validateUpdate: (info, old, next, schema) => validateUpdate(info, old, next, schema === undefined ? {} : { schema: schema as JsonSchemaProps }),
    prune: (obj, schema) => pruneUnknownFields(obj, schema as JsonSchemaProps),
  };
}

export const defaultScheme: Scheme = createScheme();
