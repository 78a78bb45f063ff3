/**
 * The `why` chain for the page: debug/'s cause tree flattened to what a
 * graph needs (each step's write and fault), capped at `MAX_STEPS` steps so
 * a pathological chain cannot flood the page.
 */
import type { WhyStep } from '../debug/index.js';
import { why } from '../debug/index.js';
import type { FaultRecord } from '../model/index.js';
import { faultSubject } from '../model/index.js';
import type { Store } from '../store/index.js';

const MAX_STEPS = 400;

export interface WhyNode {
  readonly rev: number;
  readonly time: number;
  readonly actor: string;
  readonly verb: string;
  readonly key: string;
  readonly fault?: { readonly kind: string; readonly subject: string; readonly time: number; readonly atRev: number; readonly actor: string };
  readonly seen?: true;
  readonly truncated?: true;
  readonly causes: readonly WhyNode[];
}

export function whyView(store: Store, faults: readonly FaultRecord[], key: string, rev: number): WhyNode | undefined {
  const tree = why(store, faults, key, rev);
  return tree === undefined ? undefined : whyNode(tree);
}

/** debug/'s cause tree as the page draws it, at most `MAX_STEPS` steps (a cut step says so). */
export function whyNode(tree: WhyStep): WhyNode {
  let budget = MAX_STEPS;
  const convert = (s: WhyStep): WhyNode => {
    budget--;
    const w = s.write;
    const f = s.fault;
    const causes: WhyNode[] = [];
    let cut = s.truncated === true;
    for (const c of s.causes) {
      if (budget <= 0) {
        cut = true;
        break;
      }
      causes.push(convert(c));
    }
    return {
      rev: w.rev,
      time: w.time,
      actor: w.actor,
      verb: w.subresource === undefined ? w.verb : `${w.verb}/${w.subresource}`,
      key: w.key,
      ...(f === undefined ? {} : { fault: { kind: f.fault.kind, subject: faultSubject(f.fault), time: f.time, atRev: f.atRev, actor: f.actor } }),
      ...(s.seen === true ? { seen: true as const } : {}),
      ...(cut ? { truncated: true as const } : {}),
      causes,
    };
  };
  return convert(tree);
}
