/**
 * Kinds without a printer of their own. A built-in kind gets the API
 * server's default table (NAME, CREATED AT as an RFC 3339 UTC date): that is
 * also what CustomResourceDefinitions, Roles and LimitRanges show. A custom
 * resource gets the CRD default columns: NAME and AGE (a `date` column whose
 * cell is already a duration; null without a creation timestamp).
 */
import { NAME_COLUMN, column } from '../columns.js';
import { humanDuration, timeOf } from '../human-duration.js';
import { printer } from '../printer.js';
import type { KubeObject } from '../../../model/index.js';

/** Go's zero time, printed for an object that has no creation timestamp. */
const ZERO_TIME = '0001-01-01T00:00:00Z';

/** RFC 3339 in UTC with whole seconds, as Go's `time.RFC3339` prints a UTC time. */
export function rfc3339Utc(timestamp: string | undefined): string {
  const t = timeOf(timestamp);
  if (t === undefined) return ZERO_TIME;
  return new Date(Math.floor(t / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export const builtinDefaultPrinter = printer<KubeObject>(
  [NAME_COLUMN, column('Created At', 'date', 'When the object was created (metadata.creationTimestamp).')],
  (o) => [o.metadata.name ?? '', rfc3339Utc(o.metadata.creationTimestamp)],
);

export const customResourcePrinter = printer<KubeObject>(
  [NAME_COLUMN, column('Age', 'date', 'When the object was created (metadata.creationTimestamp).')],
  (o, now) => {
    const t = timeOf(o.metadata.creationTimestamp);
    return [o.metadata.name ?? '', t === undefined ? null : humanDuration(now - t)];
  },
);
