/**
 * `POST pods/NAME/eviction` (policy/v1 Eviction, policy/v1beta1 too): a
 * delete that honours the PodDisruptionBudget guarding the pod, as
 * kube-apiserver 1.32's EvictionREST does. Over 200 lines because the
 * handler's decisions read best in one place, in Kubernetes' order:
 *
 * 1. A pod that is Pending, Succeeded, Failed or already being deleted is
 *    deleted without looking at budgets (a Pending one only if its
 *    resourceVersion is unchanged since it was read).
 * 2. More than one budget selecting the pod: 500 "This pod has more than
 *    one PodDisruptionBudget, which the eviction subresource does not
 *    support." None: plain delete. (Budgets with a missing or empty
 *    selector select nothing here.)
 * 3. A pod that is not Ready is deleted without spending the budget when
 *    the budget says `unhealthyPodEvictionPolicy: AlwaysAllow`, or (default
 *    IfHealthyBudget) when currentHealthy ≥ desiredHealthy > 0 — pinned to
 *    the resourceVersion read, else 429 "still being processed".
 * 4. Otherwise the budget is checked and spent (`checkAndDecrement`):
 *    observedGeneration behind generation → 429 (retry after 10 s, cause
 *    "The disruption budget NAME is still being processed by the server.");
 *    disruptionsAllowed < 0 or more than 2000 disruptedPods → 403;
 *    disruptionsAllowed 0 → 429 "Cannot evict pod as it would violate the
 *    pod's disruption budget." with cause DisruptionBudget "The disruption
 *    budget NAME needs D healthy pods and has C currently". Else the
 *    budget's status is written with disruptionsAllowed − 1 (its
 *    DisruptionAllowed condition turned False/InsufficientPods at 0) and the
 *    pod's name and time in `disruptedPods`.
 * 5. The pod gets the condition DisruptionTarget=True
 *    (EvictionByEvictionAPI, "Eviction API: evicting"; PodDisruptionConditions
 *    is GA in 1.31) and is deleted with the request's deleteOptions (grace
 *    period, preconditions — checked before the condition is added).
 *
 * So an eviction that goes through is up to three write records, each with
 * the request's actor and cause: the budget's status, the pod's status, the
 * pod's deletion. A dry run writes nothing. A refusal writes nothing.
 */
import type { DeleteOptions, KubeObject, RequestContext, StatusCause } from '../../model/index.js';
import {
  badRequest,
  conflict,
  forbidden,
  fromLabelSelector,
  isConflict,
  isEmptyLabelSelector,
  matches,
  notFound,
  objectKey,
  StatusError,
  statusOf,
} from '../../model/index.js';
import type { LabelSelector } from '../../model/index.js';
import type { ApiDeps } from '../deps.js';
import type { ResolvedTarget } from '../target.js';
import { rfc3339 } from '../timestamps.js';
import { commitWrite } from '../write-path.js';
import { del } from './delete.js';

/** `MaxDisruptedPodSize`: more approved-but-unseen evictions than this and the budget refuses. */
export const MAX_DISRUPTED_POD_SIZE = 2000;
/** `EvictionsRetry`: attempts on a conflict (Kubernetes waits 500 ms between them; here writes are sequenced). */
const EVICTION_RETRIES = 20;
export const VIOLATES_BUDGET_MESSAGE = "Cannot evict pod as it would violate the pod's disruption budget.";
export const MULTIPLE_BUDGETS_MESSAGE = 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.';

const PODS = { group: '', resource: 'pods' };
const PDB_STATUS_TARGET = { group: 'policy', resource: 'poddisruptionbudget' };
const SUCCESS = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 } as unknown as KubeObject;

interface PodView {
  metadata: KubeObject['metadata'];
  status?: { phase?: string; conditions?: { type: string; status: string; reason?: string; message?: string; lastTransitionTime?: string | null; lastProbeTime?: string | null }[] };
}
interface BudgetView {
  metadata: KubeObject['metadata'];
  spec?: { selector?: LabelSelector; unhealthyPodEvictionPolicy?: string };
  status?: {
    observedGeneration?: number;
    disruptionsAllowed?: number;
    currentHealthy?: number;
    desiredHealthy?: number;
    disruptedPods?: Record<string, string>;
    conditions?: { type: string; status: string; reason?: string; message?: string; observedGeneration?: number; lastTransitionTime?: string }[];
  };
}

/** A 429 TooManyRequests with one DisruptionBudget cause (`retryAfterSeconds` omitted when 0, as Go's omitempty). */
function tooManyRequests(message: string, cause: string, retryAfterSeconds: number): StatusError {
  const causes: StatusCause[] = [{ reason: 'DisruptionBudget', message: cause }];
  return new StatusError(statusOf('TooManyRequests', message, { ...(retryAfterSeconds > 0 ? { retryAfterSeconds } : {}), causes }));
}
const stillProcessing = (pdb: string): StatusError =>
  tooManyRequests(VIOLATES_BUDGET_MESSAGE, `The disruption budget ${pdb} is still being processed by the server.`, 10);

const isReady = (pod: PodView): boolean => pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
const phaseOf = (pod: PodView): string => pod.status?.phase ?? '';
const terminalOrDeleting = (pod: PodView): boolean =>
  phaseOf(pod) === 'Succeeded' || phaseOf(pod) === 'Failed' || pod.metadata.deletionTimestamp !== undefined;

/** The Eviction body's deleteOptions, and whether it asks for a dry run. */
function deleteOptionsOf(body: Record<string, unknown>): { options: DeleteOptions; dryRun: boolean } {
  const d = (typeof body['deleteOptions'] === 'object' && body['deleteOptions'] !== null ? body['deleteOptions'] : {}) as Record<string, unknown>;
  const grace = d['gracePeriodSeconds'];
  if (grace !== undefined && grace !== null && (typeof grace !== 'number' || !Number.isInteger(grace) || grace < 0)) {
    throw badRequest(`gracePeriodSeconds: Invalid value: ${JSON.stringify(grace)}: must be a non-negative integer`);
  }
  const policy = d['propagationPolicy'];
  const pre = (typeof d['preconditions'] === 'object' && d['preconditions'] !== null ? d['preconditions'] : undefined) as Record<string, unknown> | undefined;
  const preconditions = pre === undefined ? undefined : {
    ...(typeof pre['uid'] === 'string' ? { uid: pre['uid'] } : {}),
    ...(typeof pre['resourceVersion'] === 'string' ? { resourceVersion: pre['resourceVersion'] } : {}),
  };
  const dry = Array.isArray(d['dryRun']) ? (d['dryRun'] as unknown[]) : [];
  for (const v of dry) if (v !== 'All') throw badRequest(`dryRun: Unsupported value: "${String(v)}": supported values: "All"`);
  const options: DeleteOptions = {
    ...(typeof grace === 'number' ? { gracePeriodSeconds: grace } : {}),
    ...(policy === 'Orphan' || policy === 'Background' || policy === 'Foreground' ? { propagationPolicy: policy } : {}),
    ...(preconditions === undefined ? {} : { preconditions }),
  };
  return { options, dryRun: dry.length > 0 };
}

/** The budgets in the pod's namespace whose (non-empty, valid) selector matches it, sorted by name. */
export function budgetsGuarding(deps: ApiDeps, pod: KubeObject): readonly KubeObject[] {
  const namespace = pod.metadata.namespace ?? 'default';
  return deps.store.head().list({ group: 'policy', resource: 'poddisruptionbudgets', namespace }, (o) => {
    const sel = (o as BudgetView).spec?.selector;
    if (sel === undefined || sel === null || isEmptyLabelSelector(sel)) return false;
    try {
      return matches(fromLabelSelector(sel), pod.metadata.labels);
    } catch {
      return false;
    }
  });
}

/** Evicts the pod `t` names (`t.subresource` is `eviction`); answers a Success Status. */
export async function evict(deps: ApiDeps, t: ResolvedTarget, body: unknown, ctx: RequestContext): Promise<KubeObject> {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const apiVersion = b['apiVersion'];
  if ((b['kind'] !== undefined && b['kind'] !== 'Eviction') || (apiVersion !== undefined && apiVersion !== 'policy/v1' && apiVersion !== 'policy/v1beta1')) {
    throw badRequest(`not a Eviction object: ${String(apiVersion ?? '')}, Kind=${String(b['kind'] ?? '')}`);
  }
  const meta = (b['metadata'] ?? {}) as { name?: string; namespace?: string };
  if (meta.name !== t.name) throw badRequest('name in URL does not match name in Eviction object');
  if (meta.namespace !== undefined && meta.namespace !== '' && meta.namespace !== t.namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  const parsed = deleteOptionsOf(b);
  const dryRun = parsed.dryRun || ctx.dryRun === true;
  const wctx: RequestContext = dryRun ? { ...ctx, dryRun: true } : ctx;
  const original = parsed.options;
  const key = objectKey({ group: '', resource: 'pods', namespace: t.namespace, name: t.name });
  const podTarget: ResolvedTarget = { info: t.info, strategy: t.strategy, status: t.status, namespace: t.namespace, name: t.name, key };
  const readPod = (): KubeObject & PodView => {
    const pod = deps.store.head().get(key);
    if (pod === undefined) throw notFound(PODS, t.name);
    return pod as KubeObject & PodView;
  };

  // 1. Pods whose eviction disrupts nothing more: delete, retrying lost races unless the client pinned a resourceVersion.
  for (let attempt = 0; ; attempt++) {
    const pod = readPod();
    if (!terminalOrDeleting(pod) && phaseOf(pod) !== 'Pending') break;
    const pinned = !terminalOrDeleting(pod) && original.preconditions?.resourceVersion === undefined;
    const options = pinned ? withResourceVersion(original, pod.metadata.resourceVersion) : original;
    try {
      await markAndDelete(deps, podTarget, wctx, options, dryRun);
      return SUCCESS;
    } catch (e) {
      if (!isConflict(e) || original.preconditions?.resourceVersion !== undefined || attempt + 1 >= EVICTION_RETRIES) throw e;
    }
  }

  // 2–4. The budget.
  const pod = readPod();
  const budgets = budgetsGuarding(deps, pod);
  if (budgets.length > 1) throw new StatusError({ ...statusOf('InternalError', MULTIPLE_BUDGETS_MESSAGE), code: 500 });
  let pinnedBudget: string | undefined;
  const only = budgets[0] as (KubeObject & BudgetView) | undefined;
  if (only !== undefined) {
    const name = only.metadata.name ?? '';
    const st = only.status ?? {};
    const unhealthyGoes =
      !isReady(pod) &&
      (only.spec?.unhealthyPodEvictionPolicy === 'AlwaysAllow' || ((st.currentHealthy ?? 0) >= (st.desiredHealthy ?? 0) && (st.desiredHealthy ?? 0) > 0));
    if (unhealthyGoes) pinnedBudget = name;
    else await checkAndDecrement(deps, only, t.name, wctx, dryRun);
  }

  // 5. The deletion (pinned to the pod version read when an unhealthy pod skipped the budget).
  const options = pinnedBudget === undefined ? original : withResourceVersion(original, pod.metadata.resourceVersion);
  try {
    await markAndDelete(deps, podTarget, wctx, options, dryRun);
  } catch (e) {
    if (isConflict(e) && pinnedBudget !== undefined && original.preconditions?.resourceVersion === undefined) throw stillProcessing(pinnedBudget);
    throw e;
  }
  return SUCCESS;
}

function withResourceVersion(options: DeleteOptions, rv: string | undefined): DeleteOptions {
  return rv === undefined ? options : { ...options, preconditions: { ...options.preconditions, resourceVersion: rv } };
}

/** Verifies the budget allows one more disruption and spends it in its status (re-reading it after a lost race). */
async function checkAndDecrement(deps: ApiDeps, budget: KubeObject & BudgetView, podName: string, ctx: RequestContext, dryRun: boolean): Promise<void> {
  const pdbName = budget.metadata.name ?? '';
  const key = objectKey({ group: 'policy', resource: 'poddisruptionbudgets', namespace: budget.metadata.namespace ?? '', name: pdbName });
  const now = rfc3339(deps.epoch, deps.clock.now());
  await commitWrite(deps, {
    key,
    verb: 'update',
    subresource: 'status',
    ctx: dryRun ? { ...ctx, dryRun: true } : ctx,
    retryOnConflict: true,
    decide: (current) => {
      if (current === undefined) throw notFound({ group: 'policy', resource: 'poddisruptionbudgets' }, pdbName);
      const pdb = current as KubeObject & BudgetView;
      const st = pdb.status ?? {};
      if ((st.observedGeneration ?? 0) < (pdb.metadata.generation ?? 0)) throw stillProcessing(pdbName);
      const allowed = st.disruptionsAllowed ?? 0;
      if (allowed < 0) throw forbidden(PDB_STATUS_TARGET, pdbName, 'pdb disruptions allowed is negative');
      if (Object.keys(st.disruptedPods ?? {}).length > MAX_DISRUPTED_POD_SIZE) {
        throw forbidden(PDB_STATUS_TARGET, pdbName, 'DisruptedPods map too big - too many evictions not confirmed by PDB controller');
      }
      if (allowed === 0) {
        throw tooManyRequests(VIOLATES_BUDGET_MESSAGE, `The disruption budget ${pdbName} needs ${st.desiredHealthy ?? 0} healthy pods and has ${st.currentHealthy ?? 0} currently`, 0);
      }
      const disruptionsAllowed = allowed - 1;
      const conditions = disruptionsAllowed === 0 ? insufficient(st.conditions, st.observedGeneration ?? 0, now) : st.conditions;
      const disruptedPods = Object.fromEntries(Object.entries({ ...st.disruptedPods, [podName]: now }).sort(([a], [b]) => (a < b ? -1 : 1)));
      const status = { ...st, disruptionsAllowed, disruptedPods, ...(conditions === undefined ? {} : { conditions }) };
      return { next: { ...current, status } };
    },
  });
}

/** The DisruptionAllowed condition set to False/InsufficientPods (transition time moves only if it was True). */
function insufficient(conditions: NonNullable<BudgetView['status']>['conditions'], observedGeneration: number, now: string): NonNullable<BudgetView['status']>['conditions'] {
  const list = [...(conditions ?? [])];
  const i = list.findIndex((c) => c.type === 'DisruptionAllowed');
  const old = i < 0 ? undefined : list[i];
  const next = {
    type: 'DisruptionAllowed',
    status: 'False',
    ...(observedGeneration > 0 ? { observedGeneration } : {}),
    lastTransitionTime: old !== undefined && old.status === 'False' ? (old.lastTransitionTime ?? now) : now,
    reason: 'InsufficientPods',
    message: '',
  };
  if (i < 0) list.push(next);
  else list[i] = next;
  return list;
}

/**
 * `addConditionAndDeletePod`: checks the delete's preconditions against the
 * latest pod, adds DisruptionTarget=True to its status, then deletes it (the
 * resourceVersion precondition moved to the version just written). A dry run
 * adds no condition.
 */
async function markAndDelete(deps: ApiDeps, pods: ResolvedTarget, ctx: RequestContext, options: DeleteOptions, dryRun: boolean): Promise<void> {
  let opts = options;
  if (!dryRun) {
    const now = rfc3339(deps.epoch, deps.clock.now());
    const result = await commitWrite(deps, {
      key: pods.key,
      verb: 'update',
      subresource: 'status',
      ctx,
      retryOnConflict: true,
      decide: (current) => {
        if (current === undefined) throw notFound(PODS, pods.name);
        const pre = options.preconditions;
        if (pre?.uid !== undefined && pre.uid !== '' && pre.uid !== current.metadata.uid) {
          throw conflict({ group: '', resource: 'Pod' }, pods.name, `the UID in the precondition (${pre.uid}) does not match the UID in record (${current.metadata.uid ?? ''}). The object might have been deleted and then recreated`);
        }
        if (pre?.resourceVersion !== undefined && pre.resourceVersion !== '' && pre.resourceVersion !== current.metadata.resourceVersion) {
          throw conflict(
            { group: '', resource: 'Pod' },
            pods.name,
            `the ResourceVersion in the precondition (${pre.resourceVersion}) does not match the ResourceVersion in record (${current.metadata.resourceVersion ?? ''}). The object might have been modified`,
          );
        }
        return { next: withDisruptionTarget(current as KubeObject & PodView, now) };
      },
    });
    if (options.preconditions?.resourceVersion !== undefined) opts = withResourceVersion(options, result.object.metadata.resourceVersion);
  }
  await del(deps, pods, ctx, opts);
}

/** `UpdatePodCondition` with DisruptionTarget=True: the transition time moves only if the status changes. */
function withDisruptionTarget(pod: KubeObject & PodView, now: string): KubeObject {
  const conditions = [...(pod.status?.conditions ?? [])];
  const i = conditions.findIndex((c) => c.type === 'DisruptionTarget');
  const old = i < 0 ? undefined : conditions[i];
  const next = {
    type: 'DisruptionTarget',
    status: 'True',
    lastProbeTime: null,
    lastTransitionTime: old?.status === 'True' ? (old.lastTransitionTime ?? now) : now,
    reason: 'EvictionByEvictionAPI',
    message: 'Eviction API: evicting',
  };
  if (i < 0) conditions.push(next);
  else conditions[i] = next;
  return { ...pod, status: { ...pod.status, conditions } };
}
