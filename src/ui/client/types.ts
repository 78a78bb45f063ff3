/// <reference lib="dom" />
/** The shapes the server's endpoints answer with (types only: erased from the bundle). */
export type { Density, EventRow } from '../history-index.js';
export type { InvariantMarks } from '../invariant-marks.js';
export type { NodeEntry } from '../nodes-view.js';
export type { NamespaceEntry, TreeNode } from '../object-tree.js';
export type { ObjectView } from '../object-view.js';
export type { WhyNode } from '../why-view.js';
export type { FieldWhyView } from '../field-why-view.js';
export type { FaultMark } from '../ui-server.js';
import type { EventRow } from '../history-index.js';
import type { ObjectView } from '../object-view.js';
import type { FaultMark } from '../ui-server.js';

export interface Meta {
  readonly history: string;
  /** A running cluster's history, still growing: the page follows its head. */
  readonly live: boolean;
  readonly epoch: number;
  readonly first: number;
  readonly head: number;
  readonly at: number;
  readonly firstTime: number;
  readonly lastTime: number;
  readonly actors: readonly string[];
  readonly invariants: readonly string[];
  readonly faults: readonly FaultMark[];
}

export interface Frame {
  readonly rev: number;
  readonly time: number;
  /** The newest revision when the frame was drawn. */
  readonly head: number;
  readonly write?: EventRow;
  readonly events: readonly EventRow[];
  /** Faults recorded among `events` (after the write at `atRev`). */
  readonly faults: readonly FaultMark[];
  readonly object?: ObjectView;
}

export interface SearchAnswer {
  readonly revs: readonly number[];
  readonly events: readonly EventRow[];
  readonly scannedTo: number;
  readonly done: boolean;
}
