/**
 * Pod controllers: Deployments (READY UP-TO-DATE AVAILABLE), ReplicaSets
 * and ReplicationControllers (DESIRED CURRENT READY), DaemonSets,
 * StatefulSets (READY), plus PodTemplates and ControllerRevisions. Wide
 * output adds CONTAINERS, IMAGES and the selector. Unset replica counts
 * print as their default, 1.
 */
import type { ControllerRevision, DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1.js';
import type { PodTemplate, ReplicationController } from 'kubernetes-types/core/v1.js';
import { AGE_COLUMN, CONTAINER_COLUMNS, NAME_COLUMN, SELECTOR_DESCRIPTION, column, wide } from '../columns.js';
import { containerCells, formatLabelSelector, formatLabels, selectorString } from '../cells.js';
import { since } from '../human-duration.js';
import { printer } from '../printer.js';

const DESIRED = column('Desired', 'integer', 'The number of replicas asked for.');
const CURRENT = column('Current', 'integer', 'The number of replicas that exist.');
const READY_INT = column('Ready', 'integer', 'The number of replicas that are ready.');
const READY_OF = column('Ready', 'string', 'Ready replicas out of desired replicas.');
const SELECTOR = wide('Selector', 'string', SELECTOR_DESCRIPTION);

export const deploymentPrinter = printer<Deployment>(
  [
    NAME_COLUMN,
    READY_OF,
    column('Up-to-date', 'string', 'Replicas running the newest pod template.'),
    column('Available', 'string', 'Replicas available to users (ready for at least minReadySeconds).'),
    AGE_COLUMN,
    ...CONTAINER_COLUMNS,
    SELECTOR,
  ],
  (d, now) => [
    d.metadata?.name ?? '',
    `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 1}`,
    d.status?.updatedReplicas ?? 0,
    d.status?.availableReplicas ?? 0,
    since(d.metadata?.creationTimestamp, now),
    ...containerCells(d.spec?.template.spec?.containers),
    selectorString(d.spec?.selector) ?? '<invalid>',
  ],
);

export const replicaSetPrinter = printer<ReplicaSet>(
  [NAME_COLUMN, DESIRED, CURRENT, READY_INT, AGE_COLUMN, ...CONTAINER_COLUMNS, SELECTOR],
  (rs, now) => [
    rs.metadata?.name ?? '',
    rs.spec?.replicas ?? 1,
    rs.status?.replicas ?? 0,
    rs.status?.readyReplicas ?? 0,
    since(rs.metadata?.creationTimestamp, now),
    ...containerCells(rs.spec?.template?.spec?.containers),
    formatLabelSelector(rs.spec?.selector),
  ],
);

export const replicationControllerPrinter = printer<ReplicationController>(
  [NAME_COLUMN, DESIRED, CURRENT, READY_INT, AGE_COLUMN, ...CONTAINER_COLUMNS, SELECTOR],
  (rc, now) => [
    rc.metadata?.name ?? '',
    rc.spec?.replicas ?? 1,
    rc.status?.replicas ?? 0,
    rc.status?.readyReplicas ?? 0,
    since(rc.metadata?.creationTimestamp, now),
    ...containerCells(rc.spec?.template?.spec?.containers),
    formatLabels(rc.spec?.selector),
  ],
);

export const daemonSetPrinter = printer<DaemonSet>(
  [
    NAME_COLUMN,
    column('Desired', 'integer', 'Nodes that should run the daemon pod.'),
    column('Current', 'integer', 'Nodes running at least one daemon pod.'),
    column('Ready', 'integer', 'Nodes whose daemon pod is ready.'),
    column('Up-to-date', 'integer', 'Nodes running the newest daemon pod template.'),
    column('Available', 'integer', 'Nodes whose daemon pod is available.'),
    column('Node Selector', 'string', 'The node labels a node needs to run the daemon pod.'),
    AGE_COLUMN,
    ...CONTAINER_COLUMNS,
    SELECTOR,
  ],
  (ds, now) => [
    ds.metadata?.name ?? '',
    ds.status?.desiredNumberScheduled ?? 0,
    ds.status?.currentNumberScheduled ?? 0,
    ds.status?.numberReady ?? 0,
    ds.status?.updatedNumberScheduled ?? 0,
    ds.status?.numberAvailable ?? 0,
    formatLabels(ds.spec?.template.spec?.nodeSelector),
    since(ds.metadata?.creationTimestamp, now),
    ...containerCells(ds.spec?.template.spec?.containers),
    formatLabelSelector(ds.spec?.selector),
  ],
);

export const statefulSetPrinter = printer<StatefulSet>(
  [NAME_COLUMN, READY_OF, AGE_COLUMN, ...CONTAINER_COLUMNS],
  (ss, now) => [
    ss.metadata?.name ?? '',
    `${ss.status?.readyReplicas ?? 0}/${ss.spec?.replicas ?? 1}`,
    since(ss.metadata?.creationTimestamp, now),
    ...containerCells(ss.spec?.template.spec?.containers),
  ],
);

export const podTemplatePrinter = printer<PodTemplate>(
  [
    NAME_COLUMN,
    column('Containers', 'string', 'Names of the containers in the template.'),
    column('Images', 'string', 'Images the template containers run.'),
    column('Pod Labels', 'string', 'The labels pods made from the template get.'),
  ],
  (pt) => [pt.metadata?.name ?? '', ...containerCells(pt.template?.spec?.containers), formatLabels(pt.template?.metadata?.labels)],
);

/** `kind.group/name` of the controlling owner, lower-cased; `<none>` without one. */
function controllerOf(cr: ControllerRevision): string {
  const ref = (cr.metadata?.ownerReferences ?? []).find((r) => r.controller === true);
  if (ref === undefined) return '<none>';
  const slash = ref.apiVersion.indexOf('/');
  const group = slash < 0 ? '' : ref.apiVersion.slice(0, slash);
  if (ref.kind === '' && group === '') return ref.name;
  return `${(group === '' ? ref.kind : `${ref.kind}.${group}`).toLowerCase()}/${ref.name}`;
}

export const controllerRevisionPrinter = printer<ControllerRevision>(
  [
    NAME_COLUMN,
    column('Controller', 'string', 'The object that owns this revision.'),
    column('Revision', 'string', 'The revision number.'),
    AGE_COLUMN,
  ],
  (cr, now) => [cr.metadata?.name ?? '', controllerOf(cr), cr.revision, since(cr.metadata?.creationTimestamp, now)],
);
