/**
 * Writes the timeline hides unless asked (the default noise
 * filters): lease renewals, node heartbeats (a status patch that only moves
 * `lastHeartbeatTime`), writes that change only `managedFields` or
 * `resourceVersion`, and no-op writes (an empty patch). Creations and
 * deletions are never noise.
 */
import type { WriteRecord } from '../model/index.js';

const QUIET_PATH = /(^\/metadata\/managedFields(\/|$))|(^\/metadata\/resourceVersion$)|(\/lastHeartbeatTime$)/;

export function isNoise(w: WriteRecord): boolean {
  if (w.verb === 'create' || w.verb === 'delete' || w.verb === 'deletecollection') return false;
  if (w.key.startsWith('coordination.k8s.io/leases/')) return true;
  if (w.change.op !== 'patch') return false;
  return w.change.patch.every((op) => QUIET_PATH.test(op.path)); // an empty patch: a no-op write
}
