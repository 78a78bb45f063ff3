/**
 * Pairs the objects of a recorded history with those of its re-simulation.
 * An object with the same key on both sides is the same object. Names that
 * controllers generate (a ReplicaSet's pod-template hash, a pod's random
 * suffix) differ between a real cluster and chronokube, so an object left
 * over is paired through its controller: among the simulated objects of the
 * same resource and namespace whose controller is the simulated
 * counterpart of its own controller, the one whose trajectory differs least
 * (`distance`), the earliest created among equals. Siblings are
 * interchangeable to their controller — which of three pods a scale-down
 * deletes is a tie Kubernetes breaks arbitrarily — so pairing by creation
 * order alone would report divergences that are not. Objects are taken in
 * creation order, so an owner is paired before its children.
 */
import type { KubeObject } from '../../model/index.js';
import { parseKey } from '../../model/index.js';
import type { Store } from '../../store/index.js';
import { firstVersion } from './trajectory.js';

export interface ObjectPair {
  readonly recorded?: string;
  readonly simulated?: string;
  /** `name`: same key; `owner`: through its controller and creation order. */
  readonly by?: 'name' | 'owner';
}

interface Side {
  readonly store: Store;
  readonly from: number;
  /** Keys written after `from`. */
  readonly keys: readonly string[];
}

interface Entry {
  readonly key: string;
  readonly created: number;
  readonly uid?: string;
  readonly ownerUid?: string;
}

function controllerUid(o: KubeObject): string | undefined {
  return o.metadata.ownerReferences?.find((r) => r.controller === true)?.uid;
}

function entries(side: Side): Entry[] {
  const out: Entry[] = [];
  for (const key of side.keys) {
    const first = firstVersion(side.store, key, side.from);
    if (first === undefined) continue;
    const uid = first.object.metadata.uid;
    const ownerUid = controllerUid(first.object);
    out.push({ key, created: first.rev, ...(uid === undefined ? {} : { uid }), ...(ownerUid === undefined ? {} : { ownerUid }) });
  }
  return out.sort((a, b) => a.created - b.created || a.key.localeCompare(b.key));
}

/** uid → key over the objects present at `from` and the entries. */
function uidIndex(side: Side, list: readonly Entry[]): Map<string, string> {
  const index = new Map<string, string>();
  if (side.from > 0) {
    const view = side.store.at(side.from);
    for (const key of view.keys()) {
      const uid = view.get(key)?.metadata.uid;
      if (uid !== undefined) index.set(uid, key);
    }
  }
  for (const e of list) if (e.uid !== undefined) index.set(e.uid, e.key);
  return index;
}

function scope(key: string): string {
  const k = parseKey(key);
  return `${k.group}/${k.resource}/${k.namespace}`;
}

/** `distance(recordedKey, simulatedKey)`: how much two objects' trajectories differ (0: not at all). */
export function matchObjects(recorded: Side, simulated: Side, distance: (recorded: string, simulated: string) => number = () => 0): ObjectPair[] {
  const rec = entries(recorded);
  const sim = entries(simulated);
  const recUids = uidIndex(recorded, rec);
  const simUids = uidIndex(simulated, sim);
  const simKeys = new Set(sim.map((e) => e.key));
  const counterpart = new Map<string, string>();
  const taken = new Set<string>();
  const pairs: ObjectPair[] = [];
  const unpaired: Entry[] = [];
  for (const e of rec) {
    if (simKeys.has(e.key)) {
      counterpart.set(e.key, e.key);
      taken.add(e.key);
      pairs.push({ recorded: e.key, simulated: e.key, by: 'name' });
    } else unpaired.push(e);
  }
  for (const e of unpaired) {
    const owner = e.ownerUid === undefined ? undefined : recUids.get(e.ownerUid);
    // An owner unchanged on both sides keeps its key.
    const simOwner = owner === undefined ? undefined : (counterpart.get(owner) ?? owner);
    let candidate: Entry | undefined;
    let best = Number.POSITIVE_INFINITY;
    for (const s of simOwner === undefined ? [] : sim) {
      if (taken.has(s.key) || scope(s.key) !== scope(e.key) || s.ownerUid === undefined || simUids.get(s.ownerUid) !== simOwner) continue;
      const d = distance(e.key, s.key);
      if (d < best) {
        best = d;
        candidate = s;
      }
      if (d === 0) break;
    }
    if (candidate === undefined) {
      pairs.push({ recorded: e.key });
      continue;
    }
    taken.add(candidate.key);
    counterpart.set(e.key, candidate.key);
    pairs.push({ recorded: e.key, simulated: candidate.key, by: 'owner' });
  }
  for (const s of sim) if (!taken.has(s.key)) pairs.push({ simulated: s.key });
  return pairs;
}
