/**
 * `why` of one field: the cause tree of the write that last set the field's
 * value (e.g. `spec.replicas`, `status.phase`, `spec.nodeName`), not of the
 * object's latest version — a pod whose status a kubelet rewrote a hundred
 * times since still got its node from one scheduler write. The write is
 * found as `blame` finds it, for status fields too; a field that is an
 * object or a list answers for the newest write to anything under it.
 *
 * @example
 * whyField(store, faults, 'core/pods/default/web-x', 'spec.nodeName')
 * // { field: '/spec/nodeName', value: 'node-2', rev: 57, tree: { write: <the binding>, causes: [...] } }
 */
import type { FaultRecord } from '../model/index.js';
import type { Store } from '../store/index.js';
import { blame } from './blame.js';
import type { WhyStep } from './why.js';
import { why } from './why.js';

export interface FieldWhy {
  /** The field as a JSON Pointer. */
  readonly field: string;
  /** Its value at the revision asked about. */
  readonly value: unknown;
  /** The write that set it. */
  readonly rev: number;
  readonly tree: WhyStep;
}

/** `spec.replicas`, `/spec/replicas`, `spec.containers.0.image` → a JSON Pointer. */
export function fieldPointer(field: string): string {
  if (field.startsWith('/')) return field;
  return `/${field
    .split('.')
    .map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1'))
    .join('/')}`;
}

/** The cause tree behind `field` of `key` as visible at `atRev`; throws when the object or the field is not there. */
export function whyField(store: Store, faults: readonly FaultRecord[], key: string, field: string, atRev = store.rev): FieldWhy {
  const pointer = fieldPointer(field);
  const b = blame(store, key, atRev);
  if (b === undefined) throw new Error(`${key} does not exist at revision ${atRev}`);
  const lines = b.lines.filter((l) => l.path === pointer || l.path.startsWith(`${pointer}/`));
  if (lines.length === 0) throw new Error(`${key} has no field ${pointer} at revision ${atRev}`);
  const setBy = lines.reduce((a, l) => (l.rev > a.rev ? l : a));
  const tree = why(store, faults, key, setBy.rev);
  if (tree === undefined) throw new Error(`${key} has no write at revision ${setBy.rev}`);
  const exact = lines.find((l) => l.path === pointer);
  return { field: pointer, value: exact === undefined ? valueAt(store, key, atRev, pointer) : exact.value, rev: setBy.rev, tree };
}

function valueAt(store: Store, key: string, atRev: number, pointer: string): unknown {
  let v: unknown = store.at(atRev).get(key);
  for (const part of pointer.slice(1).split('/')) {
    const p = part.replaceAll('~1', '/').replaceAll('~0', '~');
    v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[p] : undefined;
  }
  return v;
}
