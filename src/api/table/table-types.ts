/**
 * The `meta.k8s.io/v1` Table shapes, as the API server writes them on the
 * wire (field names and which fields are always present follow
 * `metav1.Table`). `kubernetes-types` does not ship them, so they live here.
 */
import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';

/** A cell: Kubernetes printers emit strings, integers, booleans, floats, or null for "no value". */
export type TableCell = string | number | boolean | null;

/** One column. Every field is always present on the wire (no omitempty). */
export interface TableColumnDefinition {
  readonly name: string;
  /** OpenAPI type: `string`, `integer`, `number`, `boolean` or `date`. */
  readonly type: string;
  /** `name` marks the column holding the object's name; otherwise `''`. */
  readonly format: string;
  readonly description: string;
  /** 0 for default columns; 1 and above only with `-o wide`. */
  readonly priority: number;
}

/** A row condition; pods carry `Completed` when they reached a terminal phase. */
export interface TableRowCondition {
  readonly type: string;
  readonly status: 'True' | 'False' | 'Unknown';
  readonly reason?: string;
  readonly message?: string;
}

/** What a row carries besides its cells (`?includeObject=`); the server defaults to `Metadata`. */
export type IncludeObject = 'None' | 'Object' | 'Metadata';

/** The object as `includeObject=Metadata` sends it. */
export interface PartialObjectMetadata {
  readonly kind: 'PartialObjectMetadata';
  readonly apiVersion: 'meta.k8s.io/v1';
  readonly metadata: ObjectMeta;
}

export interface TableRow {
  readonly cells: readonly TableCell[];
  readonly conditions?: readonly TableRowCondition[];
  readonly object?: unknown;
}

export interface Table {
  readonly kind: 'Table';
  readonly apiVersion: 'meta.k8s.io/v1';
  readonly metadata: { readonly resourceVersion?: string; readonly continue?: string; readonly remainingItemCount?: number };
  readonly columnDefinitions: readonly TableColumnDefinition[];
  readonly rows: readonly TableRow[];
}
