/**
 * Revision assignment shared by every backend, so they agree exactly: write
 * revisions are gapless from the head; a non-write record's `atRev` is the
 * revision of the write just before it in log order (the head when it was
 * appended, counting writes appended in the same batch before it); each
 * key's latest revision counts appends not yet acknowledged, so conditions
 * on concurrent appends are decided in call order.
 */
import { assertNever, type HistoryRecord, type PendingRecord } from '../model/index.js';
import { AppendConflict, type AppendCondition, type Checkpoint } from './log.js';

export class Sequencer {
  private head: number;
  private readonly keys = new Map<string, number>();
  /** What the last `assign` changed, so a batch that then fails to encode can be taken back. */
  private undo: { head: number; keys: Array<[string, number | undefined]> } | undefined;

  constructor(head = 0) {
    this.head = head;
  }

  /** The newest revision assigned (acknowledged or not). */
  get assignedHead(): number {
    return this.head;
  }

  keyRev(key: string): number {
    return this.keys.get(key) ?? 0;
  }

  /** Registers a write already in the log (when opening a file). */
  noteWrite(key: string, rev: number): void {
    this.keys.set(key, rev);
    this.head = rev;
  }

  /**
   * After compaction at `base.rev` only the base and later writes remain:
   * a key's revision comes from its base entry, or from a later write
   * (acknowledged or not); a key gone before the base counts as never
   * written, as a deleted key does in etcd. A fresh process reading the
   * compacted file reaches the same map.
   */
  compactKeys(base: Checkpoint): void {
    for (const [key, rev] of this.keys) if (rev <= base.rev) this.keys.delete(key);
    for (const e of base.entries) if (!this.keys.has(e.key)) this.keys.set(e.key, e.rev);
  }

  /** The first failing condition, or undefined when all hold. */
  check(conditions: readonly AppendCondition[]): AppendConflict | undefined {
    for (const c of conditions) {
      const actual = this.keyRev(c.key);
      if (actual !== c.prevRev) return new AppendConflict(c.key, c.prevRev, actual);
    }
    return undefined;
  }

  /** Stamps revisions and positions; records are shallow-frozen copies with `type` and `rev`/`atRev` first. */
  assign(records: readonly PendingRecord[]): HistoryRecord[] {
    for (const r of records) validate(r);
    const out: HistoryRecord[] = [];
    const undo: Array<[string, number | undefined]> = [];
    this.undo = { head: this.head, keys: undo };
    for (const r of records) {
      if (r.type === 'write') {
        const rev = this.head + 1;
        this.head = rev;
        undo.push([r.key, this.keys.get(r.key)]);
        this.keys.set(r.key, rev);
        out.push(stamp(r, 'rev', rev));
      } else {
        out.push(stamp(r, 'atRev', this.head));
      }
    }
    return out;
  }

  /** Takes back the last `assign`; only valid synchronously after it (nothing else assigned since). */
  undoLast(): void {
    const u = this.undo;
    if (u === undefined) return;
    this.undo = undefined;
    this.head = u.head;
    for (let i = u.keys.length - 1; i >= 0; i--) {
      const [key, rev] = u.keys[i] as [string, number | undefined];
      if (rev === undefined) this.keys.delete(key);
      else this.keys.set(key, rev);
    }
  }
}

function stamp(r: PendingRecord, field: 'rev' | 'atRev', value: number): HistoryRecord {
  const out: Record<string, unknown> = { type: r.type, [field]: value };
  const src = r as unknown as Record<string, unknown>;
  for (const k in src) if (k !== field && Object.hasOwn(src, k)) out[k] = src[k];
  return Object.freeze(out) as unknown as HistoryRecord;
}

/** Refuses records no reader could interpret, before anything is assigned. */
function validate(r: PendingRecord): void {
  switch (r.type) {
    case 'write':
      if (typeof r.key !== 'string' || r.key === '') throw new TypeError('a write record needs a non-empty key');
      return;
    case 'fault':
    case 'reconcile':
    case 'attempt':
    case 'perturbation':
    case 'annotation':
      return;
    default:
      return assertNever(r, 'history record type');
  }
}
