/**
 * Server-side printing (`meta.k8s.io/v1` Table) and kubectl's rendering of
 * it. Pure: ages come from the caller's `now`, never the wall clock.
 */
export { toTable, type ToTableOptions } from './to-table.js';
export { printTable, type PrintTableOptions } from './print-table.js';
export { humanDuration, shortHumanDuration } from './human-duration.js';
export { printerFor } from './registry.js';
export type { Printer } from './printer.js';
export type {
  IncludeObject,
  PartialObjectMetadata,
  Table,
  TableCell,
  TableColumnDefinition,
  TableRow,
  TableRowCondition,
} from './table-types.js';
