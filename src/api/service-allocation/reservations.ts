/**
 * Addresses handed out by writes that were decided but are not yet visible
 * in the state the next write is decided against.
 *
 * Why it is needed: the write path decides a write against the head state,
 * then appends it conditionally on its own key only. With a backend that
 * acknowledges asynchronously (the file log's group fsync, etcd), two
 * Service creates decided before either is folded would both see the same
 * free address. Kubernetes avoids it with an allocator whose bitmap is
 * updated by compare-and-swap; chronokube keeps the Services as the only
 * allocator state, and remembers in memory what it handed out until the
 * state shows it.
 *
 * When a reservation ends: a create or update decides and calls the log's
 * append in one synchronous step, and the log assigns the key's revision at
 * that call. So at any later decision, a reservation whose key has an
 * assigned revision beyond the view (`log.keyRev(key) > view.rev`) belongs
 * to a write still in flight and holds; otherwise the view already shows the
 * outcome (the write folded, or it was refused, a dry run, or lost a race)
 * and the view alone decides. Without a log to ask, a reservation holds
 * until a write to its key is visible, or for at most `FALLBACK_WINDOW`
 * revisions (a refused write's reservation then leaks for that long).
 */
import type { StateView } from '../../store/index.js';

/** What the plugin needs from the log: the newest revision assigned to a key, acknowledged or not. */
export interface AssignedRevisions {
  keyRev(key: string): number;
}

export const FALLBACK_WINDOW = 4096;

interface Reservation {
  readonly key: string;
  readonly madeAt: number;
  readonly ips: readonly string[];
  readonly nodePorts: readonly number[];
}

export class Reservations {
  private entries: Reservation[] = [];

  constructor(private readonly log: AssignedRevisions | undefined) {}

  /** Forgets what `view` shows the outcome of; returns what is still held (IPs and ports, with their keys). */
  held(view: StateView): { ips: Map<string, string>; nodePorts: Map<number, string> } {
    this.entries = this.entries.filter((r) => this.pending(r, view));
    const ips = new Map<string, string>();
    const nodePorts = new Map<number, string>();
    for (const r of this.entries) {
      for (const ip of r.ips) ips.set(ip, r.key);
      for (const p of r.nodePorts) nodePorts.set(p, r.key);
    }
    return { ips, nodePorts };
  }

  reserve(key: string, view: StateView, ips: readonly string[], nodePorts: readonly number[]): void {
    if (ips.length === 0 && nodePorts.length === 0) return;
    this.entries.push({ key, madeAt: view.rev, ips, nodePorts });
  }

  /** Number of reservations held (for tests and debugging). */
  get size(): number {
    return this.entries.length;
  }

  private pending(r: Reservation, view: StateView): boolean {
    if (this.log !== undefined) return this.log.keyRev(r.key) > view.rev;
    return view.versionRev(r.key) <= r.madeAt && view.rev - r.madeAt < FALLBACK_WINDOW;
  }
}
