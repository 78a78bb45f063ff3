/**
 * Column definitions as the 1.32 printers declare them. Names, types,
 * formats and priorities are Kubernetes' (clients key on them); the
 * descriptions are chronokube's own wording of the field each column shows.
 */
import type { TableColumnDefinition } from './table-types.js';

export type ColumnType = 'string' | 'integer' | 'number' | 'boolean' | 'date';

/** A column; `priority` 1 marks the ones kubectl shows only with `-o wide`. */
export function column(name: string, type: ColumnType, description: string, priority = 0, format = ''): TableColumnDefinition {
  return Object.freeze({ name, type, format, description, priority });
}

/** Wide variant of `column`. */
export const wide = (name: string, type: ColumnType, description: string): TableColumnDefinition => column(name, type, description, 1);

export const NAME_COLUMN = column(
  'Name',
  'string',
  'The object name (metadata.name), unique among objects of its kind in its namespace.',
  0,
  'name',
);

export const AGE_COLUMN = column('Age', 'string', 'How long ago the object was created (metadata.creationTimestamp).');

/** The CONTAINERS / IMAGES pair that workload kinds show with `-o wide`. */
export const CONTAINER_COLUMNS: readonly TableColumnDefinition[] = [
  wide('Containers', 'string', 'Names of the containers in the pod template.'),
  wide('Images', 'string', 'Images the pod template containers run.'),
];

export const SELECTOR_DESCRIPTION = 'The label selector that picks the pods this object manages.';
