/**
 * A cursor over the history. A state is only a revision over the append-only
 * history (see state-view.ts), so forward, back and seek move a number; what
 * a step costs is paid by the reads that follow it: the object the step
 * changed is rebuilt by at most K-1 patches from its chain's nearest snapshot,
 * usually fewer, and a version just read or just replaced comes from the
 * cache. Every `state` it hands out stays valid after further steps.
 */
import type { WriteRecord } from '../model/index.js';
import { HistoryView } from './state-view.js';
import type { Cursor, StateView } from './types.js';
import type { VersionHistory } from './version-history.js';

/** What a cursor needs from its store. */
export interface CursorHost {
  readonly history: VersionHistory;
  readonly rev: number;
  readonly compactedRev: number;
  /** The view at `rev`; throws 410 / 400 outside the kept history. */
  viewAt(rev: number): HistoryView;
}

export class HistoryCursor implements Cursor {
  private view: HistoryView;

  constructor(
    private readonly host: CursorHost,
    rev: number,
  ) {
    this.view = host.viewAt(rev);
  }

  get rev(): number {
    return this.view.rev;
  }

  get state(): StateView {
    return this.view;
  }

  get record(): WriteRecord | undefined {
    return this.host.history.record(this.view.rev);
  }

  forward(): boolean {
    if (this.view.rev >= this.host.rev) return false;
    this.view = new HistoryView(this.host.history, this.view.rev + 1);
    return true;
  }

  back(): boolean {
    if (this.view.rev <= this.host.compactedRev) return false;
    this.view = new HistoryView(this.host.history, this.view.rev - 1);
    return true;
  }

  seek(rev: number): void {
    this.view = this.host.viewAt(rev);
  }
}
