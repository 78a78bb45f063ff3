/**
 * An invariant: a named predicate over the cluster state at one revision.
 * It reports violations (the object and a human message) rather than a
 * boolean, so a failure explains itself. `check` is all a user-written
 * invariant needs; the optional parts let history scans stay incremental:
 * `reads` (a write to another kind cannot change the verdict), `subjects`
 * (re-check only what a write touched) and `nextChange` (when time alone can
 * change the verdict, for time-bound invariants).
 */
import type { WriteRecord } from '../model/index.js';
import type { StateView } from '../store/index.js';

/** One way the state breaks an invariant. */
export interface Violation {
  /** The object at fault, `GROUP/RESOURCE/NAMESPACE/NAME`. */
  readonly key: string;
  readonly message: string;
}

/** What an invariant knows besides the state: when the revision happened. */
export interface InvariantContext {
  readonly rev: number;
  /** Milliseconds on the run's clock of the write at `rev` (0 at revision 0). */
  readonly time: number;
  /** Unix milliseconds of the run's time 0 (the history header's epoch): `epoch + time` is "now". */
  readonly epoch: number;
}

/** A kind an invariant reads, by API group (`''` for core) and plural resource. */
export interface KindRef {
  readonly group: string;
  readonly resource: string;
}

/**
 * Incremental form: the verdict is the union of independent per-subject
 * verdicts (a subject is an object key, e.g. one Deployment), and a write
 * changes only the subjects it touches.
 */
export interface SubjectIndex {
  /** Every subject at this revision. */
  all(view: StateView): readonly string[];
  /** Subjects whose verdict `write` may have changed; `before` is the state just before it. */
  touched(write: WriteRecord, view: StateView, before: StateView): readonly string[];
  /** Violations of one subject (none if it is gone). */
  check(view: StateView, subject: string, ctx: InvariantContext): readonly Violation[];
  /** Time-bound subjects: the earliest run time after `ctx.time` at which this subject's verdict may change with no write. */
  nextChange?(view: StateView, subject: string, ctx: InvariantContext): number | undefined;
}

export interface Invariant {
  /** Kebab-case, unique: what `--invariant NAME` selects. */
  readonly name: string;
  readonly description: string;
  /** Violations at this revision, sorted by key; empty when it holds. Must be pure. */
  check(view: StateView, ctx: InvariantContext): readonly Violation[];
  /** The kinds `check` reads; absent means any write may change the verdict. */
  readonly reads?: readonly KindRef[];
  /** Per-subject form for incremental scans; `check` must equal the union over `all`. */
  readonly subjects?: SubjectIndex;
  /**
   * For verdicts that change with time alone (a toleration running out): the
   * earliest run time after `ctx.time` at which the verdict may change with no
   * further write, or undefined if none. (With `subjects`, give the
   * subject index's `nextChange` instead.)
   */
  nextChange?(view: StateView, ctx: InvariantContext): number | undefined;
}

/** Builds `check` from a subject index, so the two agree by construction. */
export function checkBySubject(subjects: SubjectIndex): (view: StateView, ctx: InvariantContext) => readonly Violation[] {
  return (view, ctx) => sortViolations(subjects.all(view).flatMap((s) => subjects.check(view, s, ctx)));
}

/** Violations in a stable order: by key, then message. */
export function sortViolations(vs: readonly Violation[]): Violation[] {
  return [...vs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
}

/** Whether a write's key is of one of these kinds (`core` stands for the empty group in keys). */
export function writesKind(key: string, kinds: readonly KindRef[]): boolean {
  const slash = key.indexOf('/');
  const group = key.slice(0, slash);
  const resource = key.slice(slash + 1, key.indexOf('/', slash + 1));
  return kinds.some((k) => (k.group === '' ? group === 'core' : group === k.group) && k.resource === resource);
}
