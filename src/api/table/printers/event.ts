/**
 * Events: LAST SEEN TYPE REASON OBJECT MESSAGE | SUBOBJECT SOURCE FIRST SEEN
 * COUNT NAME. core/v1 and events.k8s.io/v1 Events print alike (the latter's
 * fields are read under their core names first). LAST SEEN falls back to
 * the first timestamp, and a series' last observation wins; a singleton
 * event without a count counts 1.
 */
import type { Event as CoreEvent } from 'kubernetes-types/core/v1.js';
import type { Event as EventsV1Event } from 'kubernetes-types/events/v1.js';
import { NAME_COLUMN, column, wide } from '../columns.js';
import { since, timeOf } from '../human-duration.js';
import { printer, type Printer } from '../printer.js';
import type { TableCell } from '../table-types.js';

const COLUMNS = [
  column('Last Seen', 'string', 'How long ago the event was last observed.'),
  column('Type', 'string', 'Normal or Warning.'),
  column('Reason', 'string', 'A short machine-readable reason for the event.'),
  column('Object', 'string', 'The object the event is about, as kind/name.'),
  wide('Subobject', 'string', 'The part of the object the event is about (a field path).'),
  wide('Source', 'string', 'The component, and host, that reported the event.'),
  column('Message', 'string', 'A human-readable description of what happened.'),
  wide('First Seen', 'string', 'How long ago the event was first observed.'),
  wide('Count', 'string', 'How many times the event has occurred.'),
  { ...NAME_COLUMN, priority: 1 },
];

const firstNonEmpty = (...s: (string | undefined)[]): string => s.find((x) => x !== undefined && x !== '') ?? '';

function eventCells(e: CoreEvent, now: number): TableCell[] {
  const first = timeOf(e.firstTimestamp) === undefined ? since(e.eventTime, now) : since(e.firstTimestamp, now);
  let last = timeOf(e.lastTimestamp) === undefined ? first : since(e.lastTimestamp, now);
  let count = e.count ?? 0;
  if (e.series !== undefined) {
    last = since(e.series.lastObservedTime, now);
    count = e.series.count ?? 0;
  } else if (count === 0) count = 1;
  const kind = (e.involvedObject.kind ?? '').toLowerCase();
  const name = e.involvedObject.name ?? '';
  const component = firstNonEmpty(e.source?.component, e.reportingComponent);
  const instance = firstNonEmpty(e.source?.host, e.reportingInstance);
  return [
    last,
    e.type ?? '',
    e.reason ?? '',
    name === '' ? kind : `${kind}/${name}`,
    e.involvedObject.fieldPath ?? '',
    instance === '' ? component : `${component}, ${instance}`,
    (e.message ?? '').trim(),
    first,
    count,
    e.metadata.name ?? '',
  ];
}

export const eventPrinter = printer<CoreEvent>(COLUMNS, eventCells);

/** events.k8s.io/v1 names the same fields differently; read them as core/v1 would convert them. */
function fromEventsV1(e: EventsV1Event): CoreEvent {
  const core: CoreEvent = {
    metadata: e.metadata ?? {},
    involvedObject: e.regarding ?? {},
    ...(e.eventTime === undefined ? {} : { eventTime: e.eventTime }),
    ...(e.note === undefined ? {} : { message: e.note }),
    ...(e.reason === undefined ? {} : { reason: e.reason }),
    ...(e.type === undefined ? {} : { type: e.type }),
    ...(e.reportingController === undefined ? {} : { reportingComponent: e.reportingController }),
    ...(e.reportingInstance === undefined ? {} : { reportingInstance: e.reportingInstance }),
    ...(e.deprecatedSource === undefined ? {} : { source: e.deprecatedSource }),
    ...(e.deprecatedFirstTimestamp === undefined ? {} : { firstTimestamp: e.deprecatedFirstTimestamp }),
    ...(e.deprecatedLastTimestamp === undefined ? {} : { lastTimestamp: e.deprecatedLastTimestamp }),
    ...(e.deprecatedCount === undefined ? {} : { count: e.deprecatedCount }),
    ...(e.series === undefined ? {} : { series: { count: e.series.count, lastObservedTime: e.series.lastObservedTime } }),
  };
  return core;
}

export const eventsV1EventPrinter: Printer = printer<EventsV1Event>(COLUMNS, (e, now) => eventCells(fromEventsV1(e), now));
