/**
 * Helpers for the table tests: a fixed `now`, timestamps relative to it,
 * and a row read back as { COLUMN NAME: cell } so assertions name columns.
 */
import type { KubeObject } from '../../../src/model/index.js';
import { toTable } from '../../../src/api/table/index.js';
import type { TableCell } from '../../../src/api/table/index.js';

/** 2024-06-01T12:00:00Z. */
export const NOW = Date.UTC(2024, 5, 1, 12, 0, 0);
export const SEC = 1000;
export const MIN = 60 * SEC;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

/** An RFC 3339 timestamp `ms` before NOW, whole seconds as the API stores them. */
export const ago = (ms: number): string => new Date(NOW - ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function obj(apiVersion: string, kind: string, name: string, rest: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): KubeObject {
  return { apiVersion, kind, metadata: { name, namespace: 'default', creationTimestamp: ago(5 * MIN), ...meta }, ...rest };
}

/** The single row of `o` as column name → cell. */
export function row(group: string, kind: string, o: KubeObject, now = NOW): Record<string, TableCell> {
  const t = toTable({ group, kind }, [o], { now });
  const cells = t.rows[0]?.cells ?? [];
  return Object.fromEntries(t.columnDefinitions.map((c, i) => [c.name, cells[i] ?? null]));
}

/** Column names, with a `*` after the wide ones. */
export function columnNames(group: string, kind: string): string[] {
  return toTable({ group, kind }, [], { now: NOW }).columnDefinitions.map((c) => (c.priority > 0 ? `${c.name}*` : c.name));
}
