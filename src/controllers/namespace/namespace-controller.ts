/**
 * The namespace controller (kube-controller-manager 1.32,
 * pkg/controller/namespace): empties a namespace that is being deleted, then
 * removes its `kubernetes` token from `spec.finalizers` through the
 * `namespaces/finalize` subresource, after which the API removes the
 * namespace (once `metadata.finalizers` is empty too).
 *
 * Decisions, in order, each pass (level-triggered; the view decides):
 * 1. Only namespaces with a deletionTimestamp are handled, and not before
 *    5 s after it (`namespaceDeletionGracePeriod`: lets every API server see
 *    the deletion and refuse new content first).
 * 2. Phase not yet `Terminating`: set it (the API normally already has).
 * 3. `spec.finalizers` empty: finalized, nothing to do.
 * 4. Every object of every deletable namespaced resource (built-in and
 *    custom, preferred versions) that is not already being deleted gets a
 *    Background delete. The pass ends there and the key is re-run at once,
 *    so the next pass judges what the deletes left behind (Kubernetes
 *    re-lists within the same pass; here the re-list is the next pass, at
 *    the same virtual time).
 * 5. Whatever remains is tallied into the five deletion conditions
 *    (written only when they change). Unexplained leftovers (no finalizer,
 *    no grace period running) make the pass fail, so the work queue retries
 *    it with backoff, as Kubernetes' rate-limited requeue does. Otherwise,
 *    content still going: re-check after `estimate / 2 + 1` seconds, the
 *    estimate being the pods' longest grace period still running or 15 s
 *    when finalizers hold content.
 * 6. Nothing left: remove `kubernetes` from `spec.finalizers`.
 *
 * Differences from Kubernetes, on purpose or for now:
 * - the 5 s wait counts from the deletionTimestamp (second precision), where
 *   Kubernetes delays every namespace event by 5 s;
 * - failed passes back off with the runtime's work queue (5 ms doubling,
 *   capped at 1000 s), where Kubernetes' namespace queue caps at 60 s;
 * - the pods estimate is taken over the pods left after the deletes (in the
 *   next pass), not also over those the deletes removed at once;
 * - per-object delete failures are not folded into
 *   NamespaceDeletionContentFailure: a refused delete fails the pass, is
 *   recorded as an attempt and retried; discovery never fails.
 *
 * @example
 * manager.add(namespaceController);
 * await api.delete({ group: '', version: 'v1', resource: 'namespaces', name: 'team-a' }, user);
 * await scheduler.run(clock.now() + 10_000); // team-a's content is deleted, then team-a itself
 */
import type { Namespace } from 'kubernetes-types/core/v1.js';
import { rfc3339 } from '../../api/index.js';
import type { Command } from '../../model/index.js';
import type { ControllerDefinition, Predicate } from '../controller.js';
import { done, TerminalError } from '../controller.js';
import { deleteContent, finalizeNamespace, updateStatus } from './namespace-commands.js';
import { failingConditions, mergeConditions } from './namespace-conditions.js';
import { tallyContent } from './namespace-content.js';
import { deletableNamespacedResources } from './namespaced-resources.js';

/** The token this controller owns in `spec.finalizers`. */
export const KUBERNETES_FINALIZER = 'kubernetes';
/** `namespaceDeletionGracePeriod`: wait this long after the deletion before acting. */
export const NAMESPACE_DELETION_GRACE_PERIOD_MS = 5_000;

/** Only namespaces being deleted wake the controller, as Kubernetes' `enqueueNamespace` filters them. */
export const beingDeleted: Predicate = (c) => c.object.metadata.deletionTimestamp !== undefined;

export const namespaceController: ControllerDefinition = {
  // Kubernetes' namespace controller retries with 5 ms doubling to 60 s (its own rate limiter), not client-go's 1000 s.
  backoff: { baseDelayMs: 5, maxDelayMs: 60_000 },
  name: 'namespace',
  for: { group: '', kind: 'Namespace' },
  predicates: [beingDeleted],
  reconcile(key, view, ctx) {
    const ns = view.get(key) as Namespace | undefined;
    const stamp = ns?.metadata?.deletionTimestamp;
    if (ns === undefined || stamp === undefined) return done();
    const name = ns.metadata?.name ?? '';
    const deletedAt = Date.parse(stamp) - ctx.epoch;
    if (Number.isNaN(deletedAt)) throw new TerminalError(`namespace ${name}: deletionTimestamp "${stamp}" is not an RFC 3339 time`);
    const wait = deletedAt + NAMESPACE_DELETION_GRACE_PERIOD_MS - ctx.now;
    if (wait > 0) return { commands: [], requeueAfterMs: wait };

    const status = ns.status ?? {};
    const terminating = status.phase === 'Terminating';
    const specFinalizers = ns.spec?.finalizers ?? [];
    if (specFinalizers.length === 0) {
      return terminating ? done() : { commands: [updateStatus(ns, { ...status, phase: 'Terminating' })] };
    }

    const content = deletableNamespacedResources(view).map((info) => ({
      info,
      items: view.list({ group: info.group, resource: info.plural, namespace: name }),
    }));
    const deletes = content.flatMap(({ info, items }) =>
      items.filter((o) => o.metadata.deletionTimestamp === undefined).map((o) => deleteContent(info, o)),
    );
    const phaseFix: Command[] = terminating ? [] : [updateStatus(ns, { ...status, phase: 'Terminating' })];
    if (deletes.length > 0) return { commands: [...phaseFix, ...deletes], requeueAfterMs: 0 };

    const tally = tallyContent(name, content, ctx.now - deletedAt);
    const merged = mergeConditions(status.conditions ?? [], failingConditions(tally), rfc3339(ctx.epoch, ctx.now));
    const writeStatus: Command[] =
      merged.changed || !terminating ? [updateStatus(ns, { ...status, phase: 'Terminating', conditions: merged.conditions })] : [];

    if (tally.errors.length > 0) {
      if (writeStatus.length > 0) return { commands: writeStatus, requeueAfterMs: 0 };
      throw new Error(tally.errors.join(', '));
    }
    if (tally.estimateSeconds > 0) {
      return { commands: writeStatus, requeueAfterMs: (Math.floor(tally.estimateSeconds / 2) + 1) * 1000 };
    }
    if (!specFinalizers.includes(KUBERNETES_FINALIZER)) return { commands: writeStatus };
    // Kubernetes keeps the other tokens as a sorted set.
    const rest = [...new Set(specFinalizers.filter((f) => f !== KUBERNETES_FINALIZER))].sort();
    return { commands: [...writeStatus, finalizeNamespace(ns, rest)] };
  },
};
