/**
 * The ResourceQuota admission plugin (Kubernetes 1.32's
 * `plugin/pkg/admission/resourcequota`): a validating plugin that refuses,
 * with 403 Forbidden and Kubernetes' message, a create or update that would
 * take a namespace past a quota — `pods "web-x" is forbidden: exceeded
 * quota: q, requested: pods=1, used: pods=3, limited: pods=3` — or a pod
 * that lacks the compute values a quota demands (`failed quota: q: must
 * specify limits.cpu for: app`). Subresource writes are never charged.
 *
 * Kubernetes charges quota inside admission by writing the new
 * `status.used` (a second write, conditional on the quota's
 * resourceVersion, which makes concurrent creates race-free). chronokube
 * measures usage from the state instead, so a create is one write. The
 * race that leaves: the write path appends asynchronously, so two creates
 * can both be admitted against a state that shows neither. The plugin
 * closes it with pending charges: what it admitted, kept until the view
 * shows the object's key written after the state it was admitted against
 * (then the object counts itself, or a competing write of the same key
 * does). A charge the view cannot resolve — its write failed after
 * admission (an I/O error), or the object was created and already deleted —
 * expires once the state is `PENDING_HORIZON` revisions further on (more
 * than any number of writes in flight at once), erring, like Kubernetes'
 * own charge for a failed create, on the side of refusing.
 *
 * One plugin instance per API: its pending charges belong to that API's
 * write path.
 *
 * @example
 * const api = createApi({ log, store, clock, ids, admission: [resourceQuotaPlugin({ now: () => epoch + clock.now() })] });
 */
import type { ResourceQuota } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../../model/index.js';
import { forbidden, objectKey } from '../../model/index.js';
import type { StateView } from '../../store/index.js';
import type { AdmissionAttributes, AdmissionPlugin } from './admission-plugin.js';
import { checkQuota } from './resource-quota-check.js';
import type { QuotaEvaluator } from './resource-quota-evaluators.js';
import { addLists, maskList, type ResourceList } from './resource-quota-list.js';
import { quotaMatchesObject } from './resource-quota-usage.js';

/** Revisions after which an unresolved charge is taken to belong to a write that failed. */
export const PENDING_HORIZON = 1_000;

interface PendingCharge {
  readonly key: string;
  readonly group: string;
  readonly resource: string;
  readonly object: KubeObject;
  readonly charge: ResourceList;
  /** The revision of the state the write was admitted against. */
  readonly viewRev: number;
}

export interface ResourceQuotaPluginOptions {
  /** Unix ms now, so pods past their deletion grace period stop counting; without it they count until gone. */
  readonly now?: () => number;
}

export interface ResourceQuotaPlugin extends AdmissionPlugin {
  /** Charges admitted but not yet visible in the newest state seen (for tests and the debugger). */
  pendingCount(): number;
}

const keyOf = (a: AdmissionAttributes): string =>
  objectKey({ group: a.info.group, resource: a.info.plural, namespace: a.namespace, name: a.name });

export function resourceQuotaPlugin(opts: ResourceQuotaPluginOptions = {}): ResourceQuotaPlugin {
  const pending = new Map<string, PendingCharge[]>();

  /** Drops the charges of `namespace` that `view` resolves; returns the rest. */
  function live(view: StateView, namespace: string): PendingCharge[] {
    const charges = pending.get(namespace);
    if (charges === undefined) return [];
    const rest = charges.filter((c) => view.rev < c.viewRev || (view.versionRev(c.key) <= c.viewRev && view.rev - c.viewRev < PENDING_HORIZON));
    if (rest.length === 0) pending.delete(namespace);
    else pending.set(namespace, rest);
    return rest;
  }

  return {
    name: 'ResourceQuota',
    pendingCount: () => [...pending.values()].reduce((n, cs) => n + cs.length, 0),
    validate(a) {
      if (a.subresource !== undefined || a.namespace === '') return;
      const charges = live(a.view, a.namespace);
      const key = keyOf(a);
      const nowMs = opts.now?.();
      const verdict = checkQuota({
        view: a.view,
        operation: a.operation,
        group: a.info.group,
        resource: a.info.plural,
        namespace: a.namespace,
        object: a.object,
        ...(a.oldObject === undefined ? {} : { oldObject: a.oldObject }),
        ...(nowMs === undefined ? {} : { nowMs }),
        pending: (q: ResourceQuota, ev: QuotaEvaluator) => {
          let sum: ResourceList = {};
          for (const c of charges) {
            if (c.key === key || c.group !== ev.group || c.resource !== ev.resource) continue;
            if (quotaMatchesObject(q, ev, c.object)) sum = addLists(sum, maskList(c.charge, ev.matchingResources(Object.keys(c.charge))));
          }
          return sum;
        },
      });
      if (verdict.refusal !== undefined) {
        throw forbidden({ group: a.info.group, resource: a.info.plural }, a.name, verdict.refusal.message);
      }
      if (verdict.charge === undefined || a.ctx.dryRun === true) return;
      const charge: PendingCharge = {
        key,
        group: a.info.group,
        resource: a.info.plural,
        object: a.object,
        charge: verdict.charge,
        viewRev: a.view.rev,
      };
      pending.set(a.namespace, [...charges.filter((c) => c.key !== key), charge]);
    },
  };
}
