/**
 * What a kind's printer is: its column definitions and, for one object at
 * a given time, its cells (always all of them, as the API server generates
 * tables with every wide column) and any row conditions.
 */
import type { KubeObject } from '../../model/index.js';
import type { TableCell, TableColumnDefinition, TableRowCondition } from './table-types.js';

export interface Printer {
  readonly columns: readonly TableColumnDefinition[];
  /** One cell per column, in column order; `now` is unix milliseconds. */
  cells(obj: KubeObject, now: number): TableCell[];
  conditions?(obj: KubeObject): readonly TableRowCondition[] | undefined;
}

/**
 * Types a printer over a `kubernetes-types` shape. The cast is the one
 * place where a stored `KubeObject` is read as its kind's type.
 */
export function printer<T>(
  columns: readonly TableColumnDefinition[],
  cells: (obj: T, now: number) => TableCell[],
  conditions?: (obj: T) => readonly TableRowCondition[] | undefined,
): Printer {
  const p: Printer = { columns: Object.freeze([...columns]), cells: (obj, now) => cells(obj as unknown as T, now) };
  return conditions === undefined ? p : { ...p, conditions: (obj) => conditions(obj as unknown as T) };
}
