/**
 * Server-side printing: a list of objects of one kind as the
 * `meta.k8s.io/v1` Table the API server answers to
 * `Accept: application/json;as=Table;v=v1;g=meta.k8s.io`.
 */
import type { KubeObject } from '../../model/index.js';
import { printerFor } from './registry.js';
import type { IncludeObject, PartialObjectMetadata, Table, TableRow } from './table-types.js';

export interface ToTableOptions {
  /** Unix milliseconds that ages are measured to (the revision's time in a replay); never the wall clock. */
  readonly now: number;
  /** Accepted for symmetry with `printTable`; the Table always carries every column, as the server's does. */
  readonly wide?: boolean;
  /** What each row carries: `Metadata` (the server's default), the whole `Object`, or `None`. */
  readonly includeObject?: IncludeObject;
  /** The list's resourceVersion, copied to the Table's metadata. */
  readonly resourceVersion?: string;
  /** The list's continue token, copied to the Table's metadata. */
  readonly continue?: string;
}

function rowObject(obj: KubeObject, include: IncludeObject): Pick<TableRow, 'object'> {
  switch (include) {
    case 'None':
      return {};
    case 'Object':
      return { object: obj };
    case 'Metadata': {
      const partial: PartialObjectMetadata = { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
      return { object: partial };
    }
  }
}

/**
 * Converts objects of one kind, in the order given, to a Table. Unknown
 * kinds never fail: built-ins without a printer get NAME / CREATED AT,
 * custom resources NAME / AGE.
 *
 * @example
 * const t = toTable({ group: '', kind: 'Pod' }, pods, { now: clock.now() });
 * t.columnDefinitions.map((c) => c.name) // ['Name', 'Ready', 'Status', 'Restarts', 'Age', 'IP', ...]
 */
export function toTable(kind: { readonly group: string; readonly kind: string }, objects: readonly KubeObject[], opts: ToTableOptions): Table {
  const printer = printerFor(kind);
  const include = opts.includeObject ?? 'Metadata';
  const rows = objects.map((obj): TableRow => {
    const conditions = printer.conditions?.(obj);
    return {
      cells: printer.cells(obj, opts.now),
      ...(conditions === undefined ? {} : { conditions }),
      ...rowObject(obj, include),
    };
  });
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: {
      ...(opts.resourceVersion === undefined ? {} : { resourceVersion: opts.resourceVersion }),
      ...(opts.continue === undefined || opts.continue === '' ? {} : { continue: opts.continue }),
    },
    columnDefinitions: printer.columns,
    rows,
  };
}
