/**
 * The `load` faults of a run: per namespace and selector, the demand set at
 * each time, so `loads(ns, now)` answers for any time at or after the last
 * change applied (faults are applied in time order). A later load with the
 * same namespace and selector replaces the earlier one; a load of zero CPU
 * and memory ends it.
 */
import type { Fault, LoadDemand } from '../../model/index.js';
import { milliValue, parseQuantity } from '../../model/index.js';

type LoadFault = Extract<Fault, { kind: 'load' }>;

function selectorKey(ns: string, labels: Readonly<Record<string, string>>): string {
  return `${ns}\u0000${Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k] ?? ''}`)
    .join(',')}`;
}

/** The world's view of a load fault (quantities parsed: CPU in millicores, memory in bytes, rounded up). */
export function loadDemand(f: LoadFault, since: number): LoadDemand {
  return Object.freeze({
    namespace: f.namespace,
    matchLabels: Object.freeze({ ...f.matchLabels }),
    ...(f.cpu === undefined ? {} : { cpuMillis: Number(milliValue(parseQuantity(f.cpu))) }),
    ...(f.memory === undefined ? {} : { memoryBytes: Number((milliValue(parseQuantity(f.memory)) + 999n) / 1000n) }),
    ...(f.container === undefined ? {} : { container: f.container }),
    since,
  });
}

export class LoadBook {
  /** Selector key → its demands, oldest first; insertion order of selectors is kept. */
  private readonly bySelector = new Map<string, LoadDemand[]>();

  set(f: LoadFault, at: number): void {
    const k = selectorKey(f.namespace, f.matchLabels);
    const list = this.bySelector.get(k) ?? [];
    const last = list[list.length - 1];
    if (last !== undefined && last.since > at) throw new Error(`load at ${at} is earlier than the last one (${last.since}): apply faults in time order`);
    list.push(loadDemand(f, at));
    this.bySelector.set(k, list);
  }

  at(namespace: string, now: number): readonly LoadDemand[] {
    const out: LoadDemand[] = [];
    for (const list of this.bySelector.values()) {
      let cur: LoadDemand | undefined;
      for (const d of list) if (d.since <= now) cur = d;
      if (cur === undefined || cur.namespace !== namespace) continue;
      if ((cur.cpuMillis ?? 0) === 0 && (cur.memoryBytes ?? 0) === 0) continue;
      out.push(cur);
    }
    return out.sort((a, b) => a.since - b.since);
  }
}
