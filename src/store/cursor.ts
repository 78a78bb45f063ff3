/**
 * A cursor over the history: forward and back each apply or undo exactly one
 * write on a persistent snapshot (one key and its index entries, reaching the
 * previous version through the write's `prevRev`), so a step costs about the
 * event, never the cluster. Every `state` it hands out stays valid after
 * further steps.
 */
import type { WriteRecord } from '../model/index.js';
import type { Snapshot } from './snapshot.js';
import { SnapshotView } from './state-view.js';
import type { Cursor, StateView } from './types.js';
import type { VersionHistory } from './version-history.js';

/** What a cursor needs from its store. */
export interface CursorHost {
  readonly history: VersionHistory;
  readonly rev: number;
  readonly compactedRev: number;
  snapshotAt(rev: number): Snapshot;
  step(from: Snapshot, to: number): Snapshot;
}

export class HistoryCursor implements Cursor {
  private snap: Snapshot;
  private view: SnapshotView | undefined;
  private viewOf: Snapshot | undefined;

  constructor(
    private readonly host: CursorHost,
    rev: number,
  ) {
    this.snap = host.snapshotAt(rev);
  }

  get rev(): number {
    return this.snap.rev;
  }

  get state(): StateView {
    const snap = this.snap;
    if (this.view === undefined || this.viewOf !== snap) {
      this.view = new SnapshotView(this.host.history, snap.rev, () => snap, snap);
      this.viewOf = snap;
    }
    return this.view;
  }

  get record(): WriteRecord | undefined {
    return this.host.history.record(this.snap.rev);
  }

  forward(): boolean {
    if (this.snap.rev >= this.host.rev) return false;
    this.snap = this.host.step(this.snap, this.snap.rev + 1);
    return true;
  }

  back(): boolean {
    if (this.snap.rev <= this.host.compactedRev) return false;
    this.snap = this.host.step(this.snap, this.snap.rev - 1);
    return true;
  }

  seek(rev: number): void {
    this.snap = this.host.snapshotAt(rev);
  }
}
